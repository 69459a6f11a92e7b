import type { DeliveryInfo, JetStreamMessage } from '../../jetstream/backend.js';
import type { MemoryDelivery } from './pull-request.js';

/**
 * A delivery as the JetStream module sees it: its own copy of the bytes (as over a socket),
 * delivery info read when asked, and an acknowledgement that settles once.
 */
export function toJetStreamMessage(d: MemoryDelivery): JetStreamMessage {
  let settled = false;
  let info: DeliveryInfo | undefined;
  const once = (fn: () => void): void => {
    if (settled) return;
    settled = true;
    fn();
  };
  const m = d.message;
  return {
    subject: m.subject,
    data: m.data.slice(),
    ...(m.headers ? { headers: { ...m.headers } } : {}),
    raw: d,
    get info(): DeliveryInfo {
      info ??= {
        stream: d.stream,
        consumer: d.consumer,
        deliveryCount: d.deliveryCount,
        streamSequence: d.streamSeq,
        consumerSequence: d.consumerSeq,
        redelivered: d.redelivered,
        timestamp: m.time,
        pending: d.pending,
      };
      return info;
    },
    get settled() { return settled; },
    ack: () => once(() => d.ack()),
    // in process the ack is applied at once: confirmed unless it was settled already
    ackSync: async () => { const first = !settled; once(() => d.ack()); return first; },
    nak: (delayMs?: number) => once(() => d.nak(delayMs)),
    term: (reason?: string) => once(() => d.term(reason)),
    working: () => { if (!settled) d.working(); },
  };
}
