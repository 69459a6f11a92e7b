import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { ORDER, orderEvent, type OrderAck } from '../../fixtures/order.payload.js';
import { parallelLoop, publishLoop, serialLoop, type SendArgs } from '../client-loops.js';

/** Same timeout as Panini's default, so neither side is asked to do less. */
const TIMEOUT_MS = 5000;

/**
 * The baseline sender, written the obvious way with nats.js: `publish` with a JSON string, and
 * the client's default `request()` (muxed inbox, a timer and a traced error per request).
 */
export function rawClient(): Role {
  let nc: NatsConnection | undefined;
  const conn = (): NatsConnection => {
    if (!nc) throw new Error('setup first');
    return nc;
  };
  const request = (subject: string) => async (): Promise<void> => {
    const m = await conn().request(subject, JSON.stringify(ORDER), { timeout: TIMEOUT_MS });
    const ack = m.json<OrderAck>();
    if (ack.ok !== true) throw new Error(`unexpected reply ${m.string()}`);
  };
  return {
    async setup({ url }: SetupArgs) {
      nc = await connect({ servers: url, name: 'bench-raw-client' });
    },
    publish({ count, subject, batch }: SendArgs) {
      const c = conn();
      return publishLoop(count, (seq) => c.publish(subject, JSON.stringify(orderEvent(seq))), () => c.flush(), batch);
    },
    serial({ count, subject }: SendArgs) {
      return serialLoop(count, request(subject));
    },
    parallel({ count, subject, inFlight }: SendArgs) {
      return parallelLoop(count, inFlight ?? 64, request(subject));
    },
    async close() {
      await nc?.close();
    },
  };
}
