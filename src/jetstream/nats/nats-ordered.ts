import type { JetStreamClient, JsMsg, OrderedConsumerOptions } from '@nats-io/jetstream';
import type { Msg } from '@nats-io/transport-node';
import type { JetStreamMessage, OrderedOptions, OrderedSubscription } from '../backend.js';
import { NatsJetStreamMessage } from './nats-message.js';

/**
 * An ordered consumer through nats.js, which recreates it on a gap, after missed heartbeats
 * and when it is deleted; its messages need no acknowledgement.
 */
export async function startOrdered(js: JetStreamClient, stream: string, o: OrderedOptions): Promise<OrderedSubscription> {
  const opts: Partial<OrderedConsumerOptions> = {
    // one filter as a string: nats.js sends it as filter_subject, which 2.9 servers read
    ...(o.filterSubjects?.length ? { filter_subjects: o.filterSubjects.length === 1 ? o.filterSubjects[0]! : [...o.filterSubjects] } : {}),
    deliver_policy: (o.deliverPolicy ?? 'all') as OrderedConsumerOptions['deliver_policy'],
    ...(o.optStartSeq !== undefined ? { opt_start_seq: o.optStartSeq } : {}),
    ...(o.optStartTime !== undefined ? { opt_start_time: new Date(o.optStartTime).toISOString() } : {}),
  };
  const consumer = await js.consumers.get(stream, opts);
  const messages = await consumer.consume({ idle_heartbeat: o.heartbeat ?? 5000 });
  let next = 0;
  void (async () => {
    for await (const s of messages.status()) {
      if (s.type === 'heartbeats_missed') o.onEvent?.({ type: 'heartbeats-missed', count: s.count });
      else if (s.type === 'ordered_consumer_recreated') o.onEvent?.({ type: 'ordered-reset', nextSeq: next });
    }
  })().catch(() => undefined);
  const wrap = (m: JsMsg): JetStreamMessage => {
    const i = m.info;
    next = i.streamSequence + 1;
    const info = {
      stream: i.stream, consumer: i.consumer, deliveryCount: i.deliveryCount, streamSequence: i.streamSequence,
      consumerSequence: i.deliverySequence, redelivered: i.redelivered, timestamp: Math.floor(i.timestampNanos / 1e6), pending: i.pending,
    };
    return new NatsJetStreamMessage(m as unknown as Msg, info, undefined, false);
  };
  return {
    stop: () => { void messages.close().catch(() => undefined); },
    async *[Symbol.asyncIterator]() {
      for await (const m of messages) yield wrap(m);
    },
  };
}
