import type { Scenario } from '../harness/scenario.js';
import { spawnRawAndPanini } from './raw-vs-panini.js';
import { publishAndReceive } from './events-variant.js';

/**
 * Scenario 1. The sender publishes `count` events and flushes; the service reports, over IPC,
 * when it has handled the last one. The rate runs from the first publish to the last handled
 * message; CPU is the sum of both processes over the run.
 */
export const eventsScenario: Scenario = {
  id: 'events',
  number: 1,
  title: 'Events: publish -> @Subject handler that decodes the JSON',
  unit: 'events',
  defaultCount: 200_000,
  baseline: { name: 'raw', how: 'nats.js: nc.publish(subject, JSON.stringify(event)) in a loop, then flush; the service is nc.subscribe(subject, { queue, callback }) calling msg.json()' },
  candidate: { name: 'panini', how: 'NatsClient.publish(subject, event) in a loop, then flush; the service is a PaniniFactory app with a @Controller/@Subject handler taking @Payload() (default options)' },
  metrics: [
    { key: 'rate', label: 'events/s end to end', better: 'higher', digits: 0 },
    { key: 'cpuUs', label: 'CPU µs/event (both)', better: 'lower', digits: 2 },
    { key: 'cpuReceiverUs', label: 'CPU µs/event service', better: 'lower', digits: 2 },
    { key: 'cpuSenderUs', label: 'CPU µs/event sender', better: 'lower', digits: 2 },
  ],
  targets: [
    { metric: 'rate', min: 0.9, text: 'at least 0.9x the raw rate' },
    { metric: 'cpuUs', max: 1.3, text: 'at most 1.3x the raw CPU per event' },
  ],
  async open(env) {
    const sides = await spawnRawAndPanini(env, 'events');
    return {
      uses: (side) => [sides[side].client, sides[side].service],
      async run(side, count) {
        const { got, sent } = await publishAndReceive(sides[side], count, env.callTimeoutMs(count));
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
