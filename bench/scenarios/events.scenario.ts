import type { Scenario } from '../harness/scenario.js';
import { spawnRawAndPanini } from './raw-vs-panini.js';
import { publishAndReceive } from './events-variant.js';

/** Scenario 13's batch size: the shape an independent harness drives the events path with. */
export const EVENTS_BATCH = 1000;

const RAW_SERVICE = 'the service is nc.subscribe(subject, { queue, callback }) calling msg.json()';
const PANINI_SERVICE = 'the service is a PaniniFactory app with a @Controller/@Subject handler taking @Payload() (default options)';

/**
 * The sender publishes `count` events (in one loop, or in batches with a `setImmediate` between
 * them) and flushes; the service reports, over IPC, when it has handled the last one. The rate
 * runs from the first publish to the last handled message; CPU is the sum of both processes.
 */
function eventsScenarioOf(shape: { id: string; number: number; title: string; batch?: number; loop: string }): Scenario {
  return {
    id: shape.id,
    number: shape.number,
    title: shape.title,
    unit: 'events',
    defaultCount: 200_000,
    baseline: { name: 'raw', how: `nats.js: nc.publish(subject, JSON.stringify(event)) ${shape.loop}, then flush; ${RAW_SERVICE}` },
    candidate: { name: 'panini', how: `NatsClient.publish(subject, event) ${shape.loop}, then flush; ${PANINI_SERVICE}` },
    metrics: [
      { key: 'rate', label: 'events/s end to end', better: 'higher', digits: 0 },
      { key: 'cpuUs', label: 'CPU µs/event (both)', better: 'lower', digits: 2 },
      { key: 'cpuReceiverUs', label: 'CPU µs/event service', better: 'lower', digits: 2 },
      { key: 'cpuSenderUs', label: 'CPU µs/event sender', better: 'lower', digits: 2 },
    ],
    targets: [
      { metric: 'rate', min: 0.95, text: 'at least 0.95x the raw rate' },
      { metric: 'cpuUs', max: 1.15, text: 'at most 1.15x the raw CPU per event' },
    ],
    async open(env) {
      const sides = await spawnRawAndPanini(env, 'events');
      return {
        uses: (side) => [sides[side].client, sides[side].service],
        async run(side, count) {
          const { got, sent } = await publishAndReceive(sides[side], count, env.callTimeoutMs(count), shape.batch);
          return {
            rate: (count / (got.lastUs - sent.startUs)) * 1e6,
            cpuUs: (sent.cpuUs + got.cpuUs) / count,
            cpuReceiverUs: got.cpuUs / count,
            cpuSenderUs: sent.cpuUs / count,
          };
        },
      };
    },
  };
}

/** Scenario 1. Every event published in one loop, then a flush. */
export const eventsScenario: Scenario = eventsScenarioOf({
  id: 'events', number: 1, title: 'Events: publish -> @Subject handler that decodes the JSON', loop: 'in a loop',
});

/** Scenario 13. Published in batches of 1,000 with a `setImmediate` between batches. */
export const eventsBatchedScenario: Scenario = eventsScenarioOf({
  id: 'events-batched', number: 13, title: `Events in batches of ${EVENTS_BATCH} with setImmediate between them`,
  batch: EVENTS_BATCH, loop: `in batches of ${EVENTS_BATCH} with a setImmediate between batches`,
});
