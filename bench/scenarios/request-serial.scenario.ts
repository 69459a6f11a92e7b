import type { Scenario } from '../harness/scenario.js';
import { spawnRawAndPanini } from './raw-vs-panini.js';
import type { SerialResult } from '../workers/client-loops.js';

/** Scenario 2. One request at a time; the requester times each one. */
export const requestSerialScenario: Scenario = {
  id: 'request-serial',
  number: 2,
  title: 'Request/reply, one at a time',
  unit: 'requests',
  defaultCount: 10_000,
  baseline: { name: 'raw', how: 'nats.js: await nc.request(subject, JSON.stringify(order), { timeout: 5000 }) then msg.json(); the responder is nc.subscribe(subject, { queue, callback }) with msg.json() and msg.respond(JSON.stringify(ack))' },
  candidate: { name: 'panini', how: 'await NatsClient.request(subject, order); the responder is a @Subject handler returning the ack (default options)' },
  metrics: [
    { key: 'p50Us', label: 'latency p50 µs', better: 'lower', digits: 1 },
    { key: 'p99Us', label: 'latency p99 µs', better: 'lower', digits: 1 },
    { key: 'meanUs', label: 'latency mean µs', better: 'lower', digits: 1 },
    { key: 'cpuUs', label: 'CPU µs/request (both)', better: 'lower', digits: 2 },
  ],
  targets: [{ metric: 'p50Us', max: 1.1, text: 'p50 within 1.1x of raw' }],
  async open(env) {
    const sides = await spawnRawAndPanini(env, 'request');
    return {
      uses: (side) => [sides[side].client, sides[side].service],
      async run(side, count) {
        const { client, service, subject } = sides[side];
        const timeout = env.callTimeoutMs(count);
        await service.call('arm', {}, timeout);
        const r = await client.call<SerialResult>('serial', { count, subject }, timeout);
        const s = await service.call<{ cpuUs: number }>('snapshot', undefined, timeout);
        return { p50Us: r.p50Us, p99Us: r.p99Us, meanUs: r.meanUs, cpuUs: (r.cpuUs + s.cpuUs) / count };
      },
    };
  },
};
