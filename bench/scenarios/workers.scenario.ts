import type { Scenario } from '../harness/scenario.js';
import type { Metrics } from '../harness/stats.js';
import { subjectOf, type SubjectName } from '../fixtures/order.payload.js';
import type { ParallelResult } from '../workers/client-loops.js';
import type { WorkerHandle } from '../harness/worker-handle.js';

/** Requests kept in flight: enough to keep two responders busy. */
const IN_FLIGHT = 128;

/**
 * Scenario 12. Request throughput of one Panini service process against two copies of it in the
 * service's queue group, as `panini start --workers 2` (`runWorkers`) runs them: the supervisor is
 * not on the message path, so the copies are started directly here. On a 2-core machine the
 * requester and the nats-server share the cores with the responders: with a handler that does
 * next to nothing they are the bottleneck, so the scenario runs twice, with that handler and with
 * one that spends about 0.2 ms of CPU per request (the kind of service workers are for).
 */
function workersScenarioOf(id: string, number: number, subject: SubjectName, handler: string, defaultCount: number, min: number | undefined): Scenario {
  return {
    id,
    number,
    title: `Request/reply, ${IN_FLIGHT} in flight, 1 vs 2 service workers, ${handler}`,
    unit: 'requests',
    defaultCount,
    baseline: { name: '1 worker', how: `one Panini @Subject responder process (${handler}); NatsClient.request from ${IN_FLIGHT} concurrent loops` },
    candidate: { name: '2 workers', how: 'two copies of the same responder in its queue group (what --workers 2 runs); the same requester' },
    metrics: [
      { key: 'rate', label: 'requests/s', better: 'higher', digits: 0 },
      { key: 'cpuUs', label: 'CPU µs/request (requester + responders)', better: 'lower', digits: 2 },
    ],
    targets: min === undefined ? [] : [{ metric: 'rate', min, text: `at least ${min}x the request rate of one worker` }],
    async open(env) {
      const [client1, single, client2, ...pair] = await Promise.all([
        env.spawn('panini-client', 'w1'), env.spawn('panini-service', 'w1'),
        env.spawn('panini-client', 'w2'), env.spawn('panini-service', 'w2'), env.spawn('panini-service', 'w2'),
      ]);
      const sides = {
        baseline: { client: client1, services: [single], subject: subjectOf('w1', subject) },
        candidate: { client: client2, services: pair, subject: subjectOf('w2', subject) },
      };
      return {
        uses: (side) => [sides[side].client, ...sides[side].services],
        async run(side, count): Promise<Metrics> {
          const { client, services, subject: s } = sides[side];
          const timeout = env.callTimeoutMs(count);
          await Promise.all(services.map((w: WorkerHandle) => w.call('arm', {}, timeout)));
          const r = await client.call<ParallelResult>('parallel', { count, subject: s, inFlight: IN_FLIGHT }, timeout);
          const cpu = await Promise.all(services.map((w: WorkerHandle) => w.call<{ cpuUs: number }>('snapshot', undefined, timeout)));
          return { rate: (count / r.wallUs) * 1e6, cpuUs: (r.cpuUs + cpu.reduce((sum, c) => sum + c.cpuUs, 0)) / count };
        },
      };
    },
  };
}

/** Scenario 12 with scenario 3's handler, which costs less than sending it the request: no target, the requester is the limit. */
export const workersScenario = workersScenarioOf('workers', 12, 'request', 'a handler that only answers', 60_000, undefined);

/** Scenario 12 with a handler that spends about 0.2 ms of CPU per request: the aim of 1.6x applies here. */
export const workersCpuScenario = workersScenarioOf('workers-cpu', 17, 'cpuBound', 'a handler spending ~0.2 ms of CPU', 20_000, 1.6);
