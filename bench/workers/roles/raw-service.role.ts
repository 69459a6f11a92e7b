import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { QUEUE, subjectOf, type OrderAck, type OrderBody, type OrderEvent } from '../../fixtures/order.payload.js';
import { HitCounter } from '../hit-counter.js';

/**
 * The baseline service, written the obvious way with nats.js: a callback subscription per subject
 * in the same queue group Panini uses, `msg.json()` to decode, `msg.respond()` to answer.
 */
export function rawService(): Role {
  let nc: NatsConnection | undefined;
  const hits = new HitCounter();
  return {
    async setup({ url, prefix }: SetupArgs) {
      const c = (nc = await connect({ servers: url, name: 'bench-raw-service' }));
      c.subscribe(subjectOf(prefix, 'events'), {
        queue: QUEUE,
        callback: (err, msg) => {
          if (err) throw err;
          const event = msg.json<OrderEvent>();
          if (event.seq >= 0) hits.hit();
        },
      });
      c.subscribe(subjectOf(prefix, 'request'), {
        queue: QUEUE,
        callback: (err, msg) => {
          if (err) throw err;
          const order = msg.json<OrderBody>();
          const ack: OrderAck = { ok: true, id: order.id };
          msg.respond(JSON.stringify(ack));
          hits.hit();
        },
      });
      await c.flush();
    },
    arm({ count }: { count?: number }) { hits.arm(count ?? Number.POSITIVE_INFINITY); },
    wait() { return hits.wait(); },
    snapshot() { return hits.snapshot(); },
    async close() {
      await nc?.drain();
    },
  };
}
