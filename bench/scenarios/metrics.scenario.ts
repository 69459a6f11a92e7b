import type { Scenario, Side, SideWorkers } from '../harness/scenario.js';
import { subjectOf } from '../fixtures/order.payload.js';
import type { PublishResult } from '../workers/client-loops.js';
import type { ReceiveResult } from '../workers/hit-counter.js';

/**
 * Scenario 9. What `@panini/core/metrics` costs on the events path: scenario 1's Panini service
 * without and with `MetricsModule.forRoot()`, in the same run, each fed by its own Panini sender.
 * The figure that matters is the service's CPU per event (the histogram observation per message);
 * nothing scrapes during the run, as between two scrapes in production.
 */
export const metricsScenario: Scenario = {
  id: 'metrics',
  number: 9,
  title: 'Events with the metrics module off vs on',
  unit: 'events',
  defaultCount: 200_000,
  baseline: { name: 'off', how: 'the Panini service of scenario 1: a @Subject handler taking @Payload(), default options, no metrics module' },
  candidate: { name: 'metrics', how: 'the same service importing MetricsModule.forRoot({ listen: { port: 0 } }) (process metrics on, one histogram observation per event)' },
  metrics: [
    { key: 'rate', label: 'events/s end to end', better: 'higher', digits: 0 },
    { key: 'cpuReceiverUs', label: 'CPU µs/event service', better: 'lower', digits: 2 },
  ],
  targets: [
    { metric: 'cpuReceiverUs', max: 1.1, text: 'at most 1.1x the service CPU per event without metrics' },
    { metric: 'rate', min: 0.9, text: 'at least 0.9x the rate without metrics' },
  ],
  async open(env) {
    const [offClient, offService, onClient, onService] = await Promise.all([
      env.spawn('panini-client', 'plain'), env.spawn('panini-service', 'plain'),
      env.spawn('panini-client', 'metered'), env.spawn('panini-metrics-service', 'metered'),
    ]);
    const sides: Record<Side, SideWorkers> = {
      baseline: { client: offClient, service: offService, subject: subjectOf('plain', 'events') },
      candidate: { client: onClient, service: onService, subject: subjectOf('metered', 'events') },
    };
    return {
      uses: (side) => [sides[side].client, sides[side].service],
      async run(side, count) {
        const { client, service, subject } = sides[side];
        const timeout = env.callTimeoutMs(count);
        await service.call('arm', { count }, timeout);
        const [got, sent] = await Promise.all([
          service.call<ReceiveResult>('wait', undefined, timeout),
          client.call<PublishResult>('publish', { count, subject }, timeout),
        ]);
        return { rate: (count / (got.lastUs - sent.startUs)) * 1e6, cpuReceiverUs: got.cpuUs / count };
      },
    };
  },
};
