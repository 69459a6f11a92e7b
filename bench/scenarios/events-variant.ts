import type { Scenario, Side, SideWorkers } from '../harness/scenario.js';
import { subjectOf } from '../fixtures/order.payload.js';
import type { PublishResult } from '../workers/client-loops.js';
import type { ReceiveResult } from '../workers/hit-counter.js';

/** Arms the service for `count` events, has the sender publish them (in batches of `batch`, if given), and waits for both reports. */
export async function publishAndReceive(side: SideWorkers, count: number, timeout: number, batch?: number): Promise<{ got: ReceiveResult; sent: PublishResult }> {
  const { client, service, subject } = side;
  await service.call('arm', { count }, timeout);
  const [got, sent] = await Promise.all([
    service.call<ReceiveResult>('wait', undefined, timeout),
    client.call<PublishResult>('publish', { count, subject, batch }, timeout),
  ]);
  return { got, sent };
}

export interface EventsVariantSpec {
  id: string;
  number: number;
  title: string;
  baseline: { role: string; how: string };
  candidate: { role: string; name: string; how: string };
  /** The service CPU per event the candidate may cost, as a ratio to the baseline. */
  maxCpu: number;
  cpuText: string;
}

/**
 * What one option of the Panini service costs on the events path: scenario 1's service in two
 * variants (worker roles), in the same run, each fed by its own Panini sender. The figure that
 * matters is the service's CPU per event.
 */
export function eventsVariantScenario(spec: EventsVariantSpec): Scenario {
  return {
    id: spec.id,
    number: spec.number,
    title: spec.title,
    unit: 'events',
    defaultCount: 200_000,
    baseline: { name: 'off', how: spec.baseline.how },
    candidate: { name: spec.candidate.name, how: spec.candidate.how },
    metrics: [
      { key: 'rate', label: 'events/s end to end', better: 'higher', digits: 0 },
      { key: 'cpuReceiverUs', label: 'CPU µs/event service', better: 'lower', digits: 2 },
    ],
    targets: [
      { metric: 'cpuReceiverUs', max: spec.maxCpu, text: spec.cpuText },
      { metric: 'rate', min: 0.9, text: `at least 0.9x the rate of the '${spec.baseline.role}' service` },
    ],
    async open(env) {
      const [offClient, offService, onClient, onService] = await Promise.all([
        env.spawn('panini-client', 'plain'), env.spawn(spec.baseline.role, 'plain'),
        env.spawn('panini-client', 'variant'), env.spawn(spec.candidate.role, 'variant'),
      ]);
      const sides: Record<Side, SideWorkers> = {
        baseline: { client: offClient, service: offService, subject: subjectOf('plain', 'events') },
        candidate: { client: onClient, service: onService, subject: subjectOf('variant', 'events') },
      };
      return {
        uses: (side) => [sides[side].client, sides[side].service],
        async run(side, count) {
          const { got, sent } = await publishAndReceive(sides[side], count, env.callTimeoutMs(count));
          return { rate: (count / (got.lastUs - sent.startUs)) * 1e6, cpuReceiverUs: got.cpuUs / count };
        },
      };
    },
  };
}
