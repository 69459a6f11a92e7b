import type { DeliveryInfo, JetStreamMessage } from '../../jetstream/backend.js';
import type { MemoryDelivery } from './pull-request.js';

/**
 * A delivery as the JetStream module sees it: its own copy of the bytes (as over a socket),
 * delivery info read when asked, and an acknowledgement that settles once. `canSend` tells
 * whether its connection is still open: an acknowledgement on a closed one is lost, as on
 * NATS, and the message comes back after its ack wait.
 */
export function toJetStreamMessage(d: MemoryDelivery, canSend: () => boolean): JetStreamMessage {
  let settled = false;
  let info: DeliveryInfo | undefined;
  const once = (fn: () => void): void => {
    if (settled) return;
    settled = true;
    if (canSend()) fn();
  };
  const m = d.message;
  return {
    subject: m.subject,
    data: m.data.slice(),
    ...(m.headers ? { headers: { ...m.headers } } : {}),
    raw: d,
    deliveryCount: d.deliveryCount,
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
    // in memory the ack is applied at once; "confirmed" unless the message was settled already
    ackSync: async (_timeoutMs: number) => {
      if (settled) return false;
      once(() => d.ack());
      return canSend();
    },
    nak: (delayMs?: number) => once(() => d.nak(delayMs)),
    term: (reason?: string) => once(() => d.term(reason)),
    working: () => { if (!settled && canSend()) d.working(); },
  };
}
