import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, StorageType, type ConsumerMessages } from '@nats-io/jetstream';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { DURABLE, streamOf, subjectOf, type OrderEvent } from '../../fixtures/order.payload.js';
import { HitCounter } from '../hit-counter.js';

/**
 * The baseline JetStream service, written the way the nats.js README shows it: a file-storage
 * stream and a durable pull consumer with explicit acks, read with `consume()` and its defaults
 * (100 messages buffered). Of its two styles the faster one, a callback rather than a `for await`
 * loop (as in the other scenarios), decodes and acks each message.
 */
export function rawJetStreamService(): Role {
  let nc: NatsConnection | undefined;
  let messages: ConsumerMessages | undefined;
  const hits = new HitCounter();
  return {
    async setup({ url, prefix }: SetupArgs) {
      const c = (nc = await connect({ servers: url, name: 'bench-raw-js-service' }));
      const stream = streamOf(prefix);
      const jsm = await jetstreamManager(c);
      await jsm.streams.add({ name: stream, subjects: [subjectOf(prefix, 'jetstream')], storage: StorageType.File });
      await jsm.consumers.add(stream, { durable_name: DURABLE, ack_policy: AckPolicy.Explicit });
      const consumer = await jetstream(c).consumers.get(stream, DURABLE);
      messages = await consumer.consume({
        callback: (m) => {
          const event = m.json<OrderEvent>();
          m.ack();
          if (event.seq >= 0) hits.hit();
        },
      });
    },
    arm({ count }: { count?: number }) { hits.arm(count ?? Number.POSITIVE_INFINITY); },
    wait() { return hits.wait(); },
    snapshot() { return hits.snapshot(); },
    async close() {
      await messages?.close();
      await nc?.drain();
    },
  };
}
