import type { DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType } from './backend.js';
import type { StoreDeclarations } from './stores.providers.js';

/**
 * A stream declared in code. At start-up it is created when missing and updated when it
 * differs in a field the server lets change; a change it does not allow (`storage`,
 * `retention`) fails start-up with an error naming the field. Durations in ms, sizes in bytes.
 * @example
 * { name: 'ORDERS', subjects: ['orders.>'], maxAge: 7 * 24 * 3600_000 }
 */
export interface StreamDeclaration {
  readonly name: string;
  /** Subjects the stream captures (wildcards allowed). */
  readonly subjects: readonly string[];
  readonly description?: string;
  /** Default `'limits'`. Fixed once the stream exists. */
  readonly retention?: RetentionPolicy;
  /** Default `'file'`. Fixed once the stream exists. */
  readonly storage?: StorageType;
  /** Oldest message kept, ms; default 0 (no limit). */
  readonly maxAge?: number;
  /** Default -1 (no limit). */
  readonly maxMsgs?: number;
  /** Default -1 (no limit). */
  readonly maxBytes?: number;
  /** Default -1 (the server's max payload). */
  readonly maxMsgSize?: number;
  /** Default -1 (no limit). */
  readonly maxMsgsPerSubject?: number;
  /** Default `'old'`. */
  readonly discard?: DiscardPolicy;
  /** Default 1. */
  readonly replicas?: number;
  /** De-duplication window for `msgId`, ms; default 120000 (the server's). */
  readonly duplicateWindow?: number;
  /**
   * `false`: the stream is managed elsewhere (the `nats` CLI, Terraform); start-up only checks
   * it exists and, when it does not, says how to create it. Default true.
   */
  readonly declare?: boolean;
  /**
   * Where messages the consumers of this stream give up on go. Default: subject
   * `dlq.<stream>.<durable>`, kept in a stream `<stream>_DLQ` of its own (file storage) that
   * Panini declares. `stream: false` publishes to the subject without declaring a stream (a
   * core NATS subscriber, or a stream managed elsewhere, takes them); `false` turns dead
   * letters off (given-up messages are only terminated and logged).
   */
  readonly deadLetter?: false | { readonly subject?: string; readonly stream?: string | false };
}

/** A durable consumer declared in code (besides those `@Consume` declares for itself). Durations in ms. */
export interface ConsumerDeclaration {
  readonly stream: string;
  readonly durable: string;
  readonly description?: string;
  /** Only messages on these subjects; default every subject of the stream. Several need server 2.10. */
  readonly filterSubject?: string | readonly string[];
  /** Default `'all'`. Fixed once the consumer exists. */
  readonly deliverPolicy?: DeliverPolicy;
  readonly optStartSeq?: number;
  /** ms since the epoch. */
  readonly optStartTime?: number;
  /** Default 30000. */
  readonly ackWait?: number;
  /** Default 5; -1: no limit (a failing message is then never dead-lettered). */
  readonly maxDeliver?: number;
  /** Default 1000. */
  readonly maxAckPending?: number;
  /** A consumer without clients for this long is deleted by the server, ms; default never. */
  readonly inactiveThreshold?: number;
  /** `false`: managed elsewhere; start-up only checks it exists. Default true. */
  readonly declare?: boolean;
}

/** App-wide defaults of `@Consume` handlers and `JetStreamClient`. */
export interface JetStreamDefaults {
  /** Messages of one handler unacknowledged at once on one instance. Default 64, as for `@Subject` handlers. */
  readonly concurrency?: number;
  /** Default 30000 ms. */
  readonly ackWait?: number;
  /** Default 5. */
  readonly maxDeliver?: number;
  /** Nak delays after a failed attempt, ms, the last repeating. Default [1000, 5000, 30000]. */
  readonly backoff?: readonly number[];
  /** `'after'` (default): ack once the handler succeeded; `'first'`: ack before it runs (at most once). */
  readonly ack?: 'after' | 'first';
  /** How long one pull waits at the server, ms. Default 30000. */
  readonly pullExpires?: number;
  /** Idle heartbeat of a pull, ms. Default 5000. */
  readonly heartbeat?: number;
  /** How long `JetStreamClient.publish` waits for the PubAck, ms. Default 5000. */
  readonly publishTimeout?: number;
}

export interface JetStreamModuleOptions extends StoreDeclarations {
  readonly streams: readonly StreamDeclaration[];
  readonly consumers?: readonly ConsumerDeclaration[];
  readonly defaults?: JetStreamDefaults;
}

export const JETSTREAM_OPTIONS = Symbol('panini:jetstream-options');

export const DEFAULTS = {
  concurrency: 64,
  ackWait: 30_000,
  maxDeliver: 5,
  backoff: [1000, 5000, 30_000],
  ack: 'after',
  pullExpires: 30_000,
  heartbeat: 5000,
  publishTimeout: 5000,
  maxAckPending: 1000,
} as const;

/** The nak delay after failed delivery number `deliveryCount` (1-based): `backoff[n-1]`, the last repeating; 0 when empty. */
export function backoffDelay(backoff: readonly number[], deliveryCount: number): number {
  if (backoff.length === 0) return 0;
  return backoff[Math.min(Math.max(deliveryCount, 1), backoff.length) - 1]!;
}
