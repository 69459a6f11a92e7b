import type { ConsumerConfig as NatsConsumerConfig, ConsumerInfo as NatsConsumerInfo, StreamConfig as NatsStreamConfig, StreamInfo as NatsStreamInfo } from '@nats-io/jetstream';
import type { ConsumerConfig, ConsumerInfo, StreamConfig, StreamInfo } from '../backend.js';

const NS_PER_MS = 1_000_000;
const ns = (ms: number): number => Math.round(ms * NS_PER_MS);
const ms = (n: number | undefined): number => Math.round((n ?? 0) / NS_PER_MS);
const epochMs = (iso: string | undefined): number => (iso ? Date.parse(iso) : 0);

/** Panini's stream configuration in the server's form (durations in ns). */
export function toNatsStream(c: StreamConfig): Partial<NatsStreamConfig> {
  return {
    name: c.name,
    subjects: [...c.subjects],
    ...(c.description !== undefined ? { description: c.description } : {}),
    retention: c.retention as NatsStreamConfig['retention'],
    storage: c.storage as NatsStreamConfig['storage'],
    max_age: ns(c.maxAge),
    max_msgs: c.maxMsgs,
    max_bytes: c.maxBytes,
    max_msg_size: c.maxMsgSize,
    max_msgs_per_subject: c.maxMsgsPerSubject,
    discard: c.discard as NatsStreamConfig['discard'],
    num_replicas: c.replicas,
    duplicate_window: ns(c.duplicateWindow),
  };
}

export function fromNatsStream(i: NatsStreamInfo): StreamInfo {
  const c = i.config;
  return {
    config: {
      name: c.name,
      subjects: c.subjects ?? [],
      ...(c.description ? { description: c.description } : {}),
      retention: c.retention as StreamConfig['retention'],
      storage: c.storage as StreamConfig['storage'],
      maxAge: ms(c.max_age),
      maxMsgs: c.max_msgs ?? -1,
      maxBytes: c.max_bytes ?? -1,
      maxMsgSize: c.max_msg_size ?? -1,
      maxMsgsPerSubject: c.max_msgs_per_subject ?? -1,
      discard: c.discard as StreamConfig['discard'],
      replicas: c.num_replicas ?? 1,
      duplicateWindow: ms(c.duplicate_window),
    },
    state: {
      messages: i.state.messages,
      bytes: i.state.bytes,
      firstSeq: i.state.first_seq,
      lastSeq: i.state.last_seq,
      consumerCount: i.state.consumer_count,
    },
    created: epochMs(i.created),
  };
}

/** Panini's consumer configuration in the server's form; one filter goes as `filter_subject`, which every 2.9 server reads. */
export function toNatsConsumer(c: ConsumerConfig): Partial<NatsConsumerConfig> {
  const f = c.filterSubjects;
  return {
    durable_name: c.durable,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(f.length === 1 ? { filter_subject: f[0] } : f.length > 1 ? { filter_subjects: [...f] } : {}),
    deliver_policy: c.deliverPolicy as NatsConsumerConfig['deliver_policy'],
    ...(c.optStartSeq !== undefined ? { opt_start_seq: c.optStartSeq } : {}),
    ...(c.optStartTime !== undefined ? { opt_start_time: new Date(c.optStartTime).toISOString() } : {}),
    ack_policy: c.ackPolicy as NatsConsumerConfig['ack_policy'],
    ack_wait: ns(c.ackWait),
    max_deliver: c.maxDeliver,
    max_ack_pending: c.maxAckPending,
    ...(c.backoff?.length ? { backoff: c.backoff.map(ns) } : {}),
    ...(c.maxWaiting !== undefined ? { max_waiting: c.maxWaiting } : {}),
    ...(c.inactiveThreshold !== undefined ? { inactive_threshold: ns(c.inactiveThreshold) } : {}),
    replay_policy: 'instant' as NatsConsumerConfig['replay_policy'],
  };
}

export function fromNatsConsumer(i: NatsConsumerInfo): ConsumerInfo {
  const c = i.config;
  const filters = c.filter_subjects?.length ? c.filter_subjects : c.filter_subject ? [c.filter_subject] : [];
  return {
    stream: i.stream_name,
    name: i.name,
    config: {
      durable: c.durable_name ?? i.name,
      ...(c.description ? { description: c.description } : {}),
      filterSubjects: filters,
      deliverPolicy: c.deliver_policy as ConsumerConfig['deliverPolicy'],
      ...(c.opt_start_seq !== undefined ? { optStartSeq: c.opt_start_seq } : {}),
      ...(c.opt_start_time !== undefined ? { optStartTime: epochMs(c.opt_start_time) } : {}),
      ackPolicy: c.ack_policy as ConsumerConfig['ackPolicy'],
      ackWait: ms(c.ack_wait),
      maxDeliver: c.max_deliver ?? -1,
      maxAckPending: c.max_ack_pending ?? -1,
      ...(c.backoff?.length ? { backoff: c.backoff.map(ms) } : {}),
      ...(c.max_waiting !== undefined ? { maxWaiting: c.max_waiting } : {}),
      ...(c.inactive_threshold !== undefined ? { inactiveThreshold: ms(c.inactive_threshold) } : {}),
    },
    state: {
      numAckPending: i.num_ack_pending,
      numPending: i.num_pending,
      numRedelivered: i.num_redelivered,
      numWaiting: i.num_waiting,
      deliveredStreamSeq: i.delivered.stream_seq,
      ackFloorStreamSeq: i.ack_floor.stream_seq,
    },
    created: epochMs(i.created),
  };
}

/** Nanoseconds to ms, for the `-NAK {"delay": ns}` body. */
export const toNanos = ns;
