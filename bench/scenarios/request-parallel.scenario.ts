import type { MetricSpec, Scenario, SideWorkers } from '../harness/scenario.js';
import { spawnRawAndPanini } from './raw-vs-panini.js';
import type { Metrics } from '../harness/stats.js';
import type { ParallelResult } from '../workers/client-loops.js';

export const IN_FLIGHT = 64;

export const PARALLEL_METRICS: MetricSpec[] = [
  { key: 'rate', label: 'requests/s', better: 'higher', digits: 0 },
  { key: 'cpuUs', label: 'CPU µs/request (both)', better: 'lower', digits: 2 },
  { key: 'cpuRequesterUs', label: 'CPU µs/request requester', better: 'lower', digits: 2 },
  { key: 'cpuResponderUs', label: 'CPU µs/request responder', better: 'lower', digits: 2 },
];

/** Keeps 64 requests in flight until `count` are answered; CPU of both processes. */
export async function parallelRun({ client, service, subject }: SideWorkers, count: number, timeout: number): Promise<Metrics> {
  await service.call('arm', {}, timeout);
  const r = await client.call<ParallelResult>('parallel', { count, subject, inFlight: IN_FLIGHT }, timeout);
  const s = await service.call<{ cpuUs: number }>('snapshot', undefined, timeout);
  return {
    rate: (count / r.wallUs) * 1e6,
    cpuUs: (r.cpuUs + s.cpuUs) / count,
    cpuRequesterUs: r.cpuUs / count,
    cpuResponderUs: s.cpuUs / count,
  };
}

/** Scenario 3. Throughput with 64 requests in flight. */
export const requestParallelScenario: Scenario = {
  id: 'request-parallel',
  number: 3,
  title: `Request/reply, ${IN_FLIGHT} in flight`,
  unit: 'requests',
  defaultCount: 60_000,
  baseline: { name: 'raw', how: `nats.js default request() (muxed inbox; a timer and traced errors per request) from ${IN_FLIGHT} concurrent loops; the responder as in scenario 2` },
  candidate: { name: 'panini', how: `NatsClient.request from ${IN_FLIGHT} concurrent loops (one reply subscription, one timeout sweep); a @Subject responder` },
  metrics: PARALLEL_METRICS,
  targets: [{ metric: 'rate', min: 1.8, text: "at least 1.8x the raw client's default request() rate" }],
  async open(env) {
    const sides = await spawnRawAndPanini(env, 'request');
    return {
      uses: (side) => [sides[side].client, sides[side].service],
      run(side, count) {
        return parallelRun(sides[side], count, env.callTimeoutMs(count));
      },
    };
  },
};
