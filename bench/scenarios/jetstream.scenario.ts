import type { Scenario, Side, SideWorkers } from '../harness/scenario.js';
import { subjectOf } from '../fixtures/order.payload.js';
import { publishAndReceive } from './events-variant.js';

/**
 * Scenario 16. The same sender (nats.js core publish, then flush) puts `count` events on a
 * subject its side's file-storage stream captures; the service reads them through a durable
 * pull consumer with explicit acks and reports, over IPC, when it has handled the last one. The
 * rate runs from the first publish to the last handled message, so it covers the stream's
 * store, the pull requests and the acks: what a JetStream service can sustain.
 */
export const jetstreamScenario: Scenario = {
  id: 'jetstream',
  number: 16,
  title: 'JetStream: stream -> durable pull consumer -> handler that decodes the JSON and acks',
  unit: 'events',
  defaultCount: 50_000,
  baseline: { name: 'raw', how: '@nats-io/jetstream: consumer.consume({ callback }) with its defaults (100 messages buffered), the callback calling m.json() and m.ack()' },
  candidate: { name: 'panini', how: 'a PaniniFactory app with JetStreamModule.forRoot declaring the stream and consumer, and a @Consume handler taking @Payload() (acked after it returns)' },
  metrics: [
    { key: 'rate', label: 'events/s end to end', better: 'higher', digits: 0 },
    { key: 'cpuReceiverUs', label: 'CPU µs/event service', better: 'lower', digits: 2 },
    { key: 'cpuServerUs', label: 'CPU µs/event nats-server', better: 'lower', digits: 2 },
  ],
  targets: [
    { metric: 'rate', min: 0.9, text: 'at least 0.9x the raw consume() rate' },
  ],
  async open(env) {
    const [rawClient, rawService, paniniClient, paniniService] = await Promise.all([
      env.spawn('raw-client', 'raw'), env.spawn('raw-js-service', 'raw'),
      env.spawn('raw-client', 'panini'), env.spawn('panini-js-service', 'panini'),
    ]);
    const sides: Record<Side, SideWorkers> = {
      baseline: { client: rawClient, service: rawService, subject: subjectOf('raw', 'jetstream') },
      candidate: { client: paniniClient, service: paniniService, subject: subjectOf('panini', 'jetstream') },
    };
    return {
      uses: (side) => [sides[side].client, sides[side].service],
      async run(side, count) {
        const server = env.serverCpuUs();
        const { got, sent } = await publishAndReceive(sides[side], count, env.callTimeoutMs(count));
        // the server stores, serves and takes the acks for this side alone while it runs
        const cpuServerUs = (env.serverCpuUs() - server) / count;
        return { rate: (count / (got.lastUs - sent.startUs)) * 1e6, cpuReceiverUs: got.cpuUs / count, cpuServerUs };
      },
    };
  },
};
