import type { ConsumerConfig, ConsumerInfo, StreamConfig, StreamInfo } from '../../jetstream/backend.js';
import type * as Js from './js-types.js';

/*
 * Panini's backend shapes (ms, camelCase) to and from the engine's server shapes (ns,
 * snake_case): the same conversion the NATS backend makes, so both see the same values.
 */

const ns = (ms: number): number => Math.round(ms * 1_000_000);
const ms = (ns: number): number => ns / 1_000_000;

export function toStreamConfig(c: StreamConfig): Partial<Js.StreamConfig> & { name: string } {
  return {
    name: c.name,
    subjects: [...c.subjects],
    ...(c.description !== undefined ? { description: c.description } : {}),
    retention: c.retention,
    storage: c.storage,
    max_age: ns(c.maxAge),
    max_msgs: c.maxMsgs,
    max_bytes: c.maxBytes,
    max_msg_size: c.maxMsgSize,
    max_msgs_per_subject: c.maxMsgsPerSubject,
    discard: c.discard,
    num_replicas: c.replicas,
    duplicate_window: ns(c.duplicateWindow),
  };
}

export function fromStreamInfo(i: Js.StreamInfo): StreamInfo {
  const c = i.config;
  return {
    config: {
      name: c.name,
      subjects: [...c.subjects],
      ...(c.description !== undefined ? { description: c.description } : {}),
      retention: c.retention,
      storage: c.storage,
      maxAge: ms(c.max_age),
      maxMsgs: c.max_msgs,
      maxBytes: c.max_bytes,
      maxMsgSize: c.max_msg_size,
      maxMsgsPerSubject: c.max_msgs_per_subject,
      discard: c.discard,
      replicas: c.num_replicas,
      duplicateWindow: ms(c.duplicate_window),
    },
    state: {
      messages: i.state.messages,
      bytes: i.state.bytes,
      firstSeq: i.state.first_seq,
      lastSeq: i.state.last_seq,
      consumerCount: i.state.consumer_count,
    },
    created: Date.parse(i.created),
  };
}

export function toConsumerConfig(c: ConsumerConfig): Partial<Js.ConsumerConfig> {
  return {
    durable_name: c.durable,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.filterSubjects.length === 1 ? { filter_subject: c.filterSubjects[0] } : {}),
    deliver_policy: c.deliverPolicy,
    ...(c.optStartSeq !== undefined ? { opt_start_seq: c.optStartSeq } : {}),
    ...(c.optStartTime !== undefined ? { opt_start_time: new Date(c.optStartTime).toISOString() } : {}),
    ack_policy: c.ackPolicy,
    ack_wait: ns(c.ackWait),
    max_deliver: c.maxDeliver,
    max_ack_pending: c.maxAckPending,
    ...(c.backoff && c.backoff.length > 0 ? { backoff: c.backoff.map(ns) } : {}),
    ...(c.maxWaiting !== undefined ? { max_waiting: c.maxWaiting } : {}),
    ...(c.inactiveThreshold ? { inactive_threshold: ns(c.inactiveThreshold) } : {}),
  };
}

export function fromConsumerInfo(i: Js.ConsumerInfo): ConsumerInfo {
  const c = i.config;
  return {
    stream: i.stream_name,
    name: i.name,
    config: {
      durable: c.durable_name ?? i.name,
      ...(c.description !== undefined ? { description: c.description } : {}),
      filterSubjects: c.filter_subject ? [c.filter_subject] : [],
      deliverPolicy: c.deliver_policy,
      ...(c.opt_start_seq !== undefined ? { optStartSeq: c.opt_start_seq } : {}),
      ...(c.opt_start_time !== undefined ? { optStartTime: Date.parse(c.opt_start_time) } : {}),
      ackPolicy: c.ack_policy,
      ackWait: ms(c.ack_wait),
      maxDeliver: c.max_deliver,
      maxAckPending: c.max_ack_pending,
      ...(c.backoff ? { backoff: c.backoff.map(ms) } : {}),
      maxWaiting: c.max_waiting,
      ...(c.inactive_threshold ? { inactiveThreshold: ms(c.inactive_threshold) } : {}),
    },
    state: {
      numAckPending: i.num_ack_pending,
      numPending: i.num_pending,
      numRedelivered: i.num_redelivered,
      numWaiting: i.num_waiting,
      deliveredStreamSeq: i.delivered.stream_seq,
      ackFloorStreamSeq: i.ack_floor.stream_seq,
    },
    created: Date.parse(i.created),
  };
}
