import type { Scenario, Side, SideWorkers } from '../harness/scenario.js';
import { subjectOf } from '../fixtures/order.payload.js';
import type { SerialResult } from '../workers/client-loops.js';

/**
 * Scenario 15. What a message-scoped dependency costs on the request path: scenario 2's Panini
 * service against the same answer from a controller that depends on a message-scoped provider
 * (it reads the MessageContext), so the controller and the provider are made for every request.
 * Handlers without such a dependency keep their one instance: scenario 2 is their figure.
 */
export const messageScopeScenario: Scenario = {
  id: 'message-scope',
  number: 15,
  title: 'Request/reply, singleton controller vs a message-scoped dependency',
  unit: 'requests',
  defaultCount: 10_000,
  baseline: { name: 'singleton', how: 'the Panini service of scenario 2: one controller instance, no message scope' },
  candidate: { name: 'message', how: 'the same handler on a controller depending on a @Injectable({ scope: \'message\' }) provider that injects MessageContext' },
  metrics: [
    { key: 'p50Us', label: 'latency p50 µs', better: 'lower', digits: 1 },
    { key: 'meanUs', label: 'latency mean µs', better: 'lower', digits: 1 },
    { key: 'cpuServiceUs', label: 'CPU µs/request service', better: 'lower', digits: 2 },
  ],
  targets: [{ metric: 'p50Us', max: 1.1, text: 'p50 within 1.1x of a singleton controller' }],
  async open(env) {
    const [plainClient, plainService, scopedClient, scopedService] = await Promise.all([
      env.spawn('panini-client', 'plain'), env.spawn('panini-service', 'plain'),
      env.spawn('panini-client', 'scoped'), env.spawn('panini-service-message-scope', 'scoped'),
    ]);
    const sides: Record<Side, SideWorkers> = {
      baseline: { client: plainClient, service: plainService, subject: subjectOf('plain', 'request') },
      candidate: { client: scopedClient, service: scopedService, subject: subjectOf('scoped', 'request') },
    };
    return {
      uses: (side) => [sides[side].client, sides[side].service],
      async run(side, count) {
        const { client, service, subject } = sides[side];
        const timeout = env.callTimeoutMs(count);
        await service.call('arm', {}, timeout);
        const r = await client.call<SerialResult>('serial', { count, subject }, timeout);
        const s = await service.call<{ cpuUs: number }>('snapshot', undefined, timeout);
        return { p50Us: r.p50Us, meanUs: r.meanUs, cpuServiceUs: s.cpuUs / count };
      },
    };
  },
};
