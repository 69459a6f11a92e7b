import type { Scenario, Side } from '../harness/scenario.js';
import type { WorkerHandle } from '../harness/worker-handle.js';
import type { ParallelResult } from '../workers/client-loops.js';

const IN_FLIGHT = 64;

/**
 * Scenario 6. An HTTP endpoint that makes a NATS request. One load generator and one raw NATS
 * responder serve both sides, so the gateway (Express + raw client, or Panini) is the only
 * difference; its CPU is reported beside the rate.
 */
export const httpScenario: Scenario = {
  id: 'http',
  number: 6,
  title: `HTTP POST -> NATS request -> JSON answer, ${IN_FLIGHT} in flight`,
  unit: 'requests',
  defaultCount: 10_000,
  baseline: { name: 'express', how: 'Express 5, express.json(), one async route: await nc.request(subject, JSON.stringify(req.body)) then res.json(msg.json())' },
  candidate: { name: 'panini', how: '@HttpController with @Post() create(@Body() order) returning NatsClient.request(subject, order) (HttpModule defaults)' },
  metrics: [
    { key: 'rate', label: 'requests/s', better: 'higher', digits: 0 },
    { key: 'cpuGatewayUs', label: 'CPU µs/request gateway', better: 'lower', digits: 2 },
  ],
  targets: [],
  async open(env) {
    const [load, responder, express, panini] = await Promise.all([
      env.spawn('http-load', 'http'), env.spawn('raw-service', 'http'),
      env.spawn('express-gateway', 'http'), env.spawn('panini-gateway', 'http'),
    ]);
    const gateways: Record<Side, { worker: WorkerHandle; url: string }> = {
      baseline: { worker: express, url: await express.call<string>('address', undefined, 5000) },
      candidate: { worker: panini, url: await panini.call<string>('address', undefined, 5000) },
    };
    return {
      uses: (side) => [load, gateways[side].worker, responder],
      async run(side, count) {
        const { worker, url } = gateways[side];
        const timeout = env.callTimeoutMs(count);
        await worker.call('arm', undefined, timeout);
        const r = await load.call<ParallelResult>('run', { url, count, inFlight: IN_FLIGHT }, timeout);
        const g = await worker.call<{ cpuUs: number }>('snapshot', undefined, timeout);
        return { rate: (count / r.wallUs) * 1e6, cpuGatewayUs: g.cpuUs / count };
      },
    };
  },
};
