import type { Scenario } from '../harness/scenario.js';
import type { Metrics } from '../harness/stats.js';
import { subjectOf } from '../fixtures/order.payload.js';
import type { ParallelResult } from '../workers/client-loops.js';
import type { WorkerHandle } from '../harness/worker-handle.js';

/** Requests kept in flight: enough to keep two responders busy. */
const IN_FLIGHT = 128;

/**
 * Scenario 12. Request throughput of one Panini service process against two copies of it in the
 * service's queue group, as `panini start --workers 2` (`runWorkers`) runs them: the supervisor is
 * not on the message path, so the copies are started directly here. On a 2-core machine the
 * requester and the nats-server share the cores with the responders, which caps the gain.
 */
export const workersScenario: Scenario = {
  id: 'workers',
  number: 12,
  title: `Request/reply, ${IN_FLIGHT} in flight, 1 vs 2 service workers`,
  unit: 'requests',
  defaultCount: 60_000,
  baseline: { name: '1 worker', how: `one Panini @Subject responder process; NatsClient.request from ${IN_FLIGHT} concurrent loops` },
  candidate: { name: '2 workers', how: 'two copies of the same responder in its queue group (what --workers 2 runs); the same requester' },
  metrics: [
    { key: 'rate', label: 'requests/s', better: 'higher', digits: 0 },
    { key: 'cpuUs', label: 'CPU µs/request (requester + responders)', better: 'lower', digits: 2 },
  ],
  targets: [{ metric: 'rate', min: 1.6, text: 'at least 1.6x the request rate of one worker' }],
  async open(env) {
    const [client1, single, client2, ...pair] = await Promise.all([
      env.spawn('panini-client', 'w1'), env.spawn('panini-service', 'w1'),
      env.spawn('panini-client', 'w2'), env.spawn('panini-service', 'w2'), env.spawn('panini-service', 'w2'),
    ]);
    const sides = {
      baseline: { client: client1, services: [single], subject: subjectOf('w1', 'request') },
      candidate: { client: client2, services: pair, subject: subjectOf('w2', 'request') },
    };
    return {
      uses: (side) => [sides[side].client, ...sides[side].services],
      async run(side, count): Promise<Metrics> {
        const { client, services, subject } = sides[side];
        const timeout = env.callTimeoutMs(count);
        await Promise.all(services.map((s: WorkerHandle) => s.call('arm', {}, timeout)));
        const r = await client.call<ParallelResult>('parallel', { count, subject, inFlight: IN_FLIGHT }, timeout);
        const cpu = await Promise.all(services.map((s: WorkerHandle) => s.call<{ cpuUs: number }>('snapshot', undefined, timeout)));
        return { rate: (count / r.wallUs) * 1e6, cpuUs: (r.cpuUs + cpu.reduce((sum, s) => sum + s.cpuUs, 0)) / count };
      },
    };
  },
};
