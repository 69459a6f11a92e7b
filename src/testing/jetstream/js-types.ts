import type { HeaderRecord } from '../../transport/transport.js';

/*
 * The JetStream API's own shapes (snake_case, durations in nanoseconds), the subset the
 * emulation understands. They follow the server's JSON (nats-server 2.9, ADR-1 and the JetStream
 * API reference) so a configuration reads the same here and on a server.
 */

export type RetentionPolicy = 'limits' | 'interest' | 'workqueue';
export type DiscardPolicy = 'old' | 'new';
export type StorageType = 'file' | 'memory';
export type DeliverPolicy = 'all' | 'last' | 'new' | 'by_start_sequence' | 'by_start_time' | 'last_per_subject';
export type AckPolicy = 'none' | 'all' | 'explicit';

export interface StreamConfig {
  name: string;
  subjects: string[];
  retention: RetentionPolicy;
  storage: StorageType;
  /** -1: unlimited. */
  max_msgs: number;
  /** -1: unlimited; bytes as the server counts them (see `storedSize`). */
  max_bytes: number;
  /** Nanoseconds; 0: unlimited. */
  max_age: number;
  /** -1: unlimited. */
  max_msgs_per_subject: number;
  /** -1: unlimited; header and payload bytes. */
  max_msg_size: number;
  discard: DiscardPolicy;
  /** Nanoseconds (default 2 minutes). */
  duplicate_window: number;
  num_replicas: number;
  description?: string;
  /** `Nats-Rollup` headers are honoured (KV and object stores set it). */
  allow_rollup_hdrs?: boolean;
}

export interface StreamState {
  messages: number;
  bytes: number;
  first_seq: number;
  /** ISO time of the first message. */
  first_ts: string;
  last_seq: number;
  last_ts: string;
  consumer_count: number;
  num_deleted: number;
}

export interface StreamInfo { config: StreamConfig; state: StreamState; created: string }

export interface ConsumerConfig {
  durable_name?: string;
  name?: string;
  description?: string;
  deliver_policy: DeliverPolicy;
  opt_start_seq?: number;
  /** ISO time. */
  opt_start_time?: string;
  ack_policy: AckPolicy;
  /** Nanoseconds (default 30 s). */
  ack_wait: number;
  /** -1: unlimited. */
  max_deliver: number;
  filter_subject?: string;
  /** Nanoseconds per redelivery after an ack wait ran out; the last repeats. */
  backoff?: number[];
  /** Default 1000 (-1: unlimited); 0 with ack policy none. */
  max_ack_pending: number;
  max_waiting: number;
  /** Nanoseconds a consumer without pull requests may live (ephemeral consumers; default 5 s). */
  inactive_threshold?: number;
  replay_policy: 'instant' | 'original';
  num_replicas: number;
  mem_storage?: boolean;
  headers_only?: boolean;
}

export interface SequenceInfo { consumer_seq: number; stream_seq: number; last_active?: string }

export interface ConsumerInfo {
  stream_name: string;
  name: string;
  created: string;
  config: ConsumerConfig;
  delivered: SequenceInfo;
  ack_floor: SequenceInfo;
  num_ack_pending: number;
  num_redelivered: number;
  num_waiting: number;
  num_pending: number;
}

export interface PubAck { stream: string; seq: number; duplicate?: boolean }

/** A message as the stream keeps it. */
export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers?: HeaderRecord;
  /** Epoch ms it was stored at (the clock's time). */
  readonly time: number;
  /** Bytes it counts for against `max_bytes`. */
  readonly size: number;
}
