import type { HeaderRecord, InboundMessage, Transport } from '../transport/transport.js';
import type { StoreBackend } from './store-backend.js';

/*
 * The narrow interface between Panini's JetStream module and a broker. Two implementations:
 * `NatsJetStreamBackend` (over @nats-io/jetstream, a real server) and the testing kit's memory
 * emulation. Everything the module does with JetStream goes through here, so the emulation
 * matches the server by matching the semantics written on each member.
 *
 * Units: every duration is in milliseconds (the NATS implementation converts to and from the
 * server's nanoseconds), every size in bytes, every sequence and count a whole number. "Unlimited"
 * is -1 for counts and sizes and 0 for ages, as on the server.
 *
 * Errors (from ./jetstream.errors.ts): `StreamNotFoundError`, `ConsumerNotFoundError`,
 * `WrongLastSequenceError`, `WrongLastMsgIdError`, `StreamMismatchError`, `PublishTimeoutError`,
 * and `JetStreamApiError` for any other refusal of the API (with the server's codes).
 */

/** How a stream keeps messages (NATS `retention`). */
export type RetentionPolicy = 'limits' | 'interest' | 'workqueue';
/** Where a stream keeps messages (NATS `storage`). */
export type StorageType = 'file' | 'memory';
/** What a full stream does with a new message (NATS `discard`): drop the oldest, or refuse the new one. */
export type DiscardPolicy = 'old' | 'new';

/** A stream's configuration, in Panini's units. Fields follow the server's `StreamConfig`. */
export interface StreamConfig {
  readonly name: string;
  /** Subjects (wildcards allowed) the stream captures. */
  readonly subjects: readonly string[];
  readonly description?: string;
  /** Default `'limits'`. Not changeable after creation. */
  readonly retention: RetentionPolicy;
  /** Default `'file'`. Not changeable after creation. */
  readonly storage: StorageType;
  /** Oldest message kept, ms; 0 = no limit. */
  readonly maxAge: number;
  /** Most messages kept; -1 = no limit. */
  readonly maxMsgs: number;
  /** Most bytes kept; -1 = no limit. */
  readonly maxBytes: number;
  /** Largest message accepted, bytes; -1 = the server's max payload. */
  readonly maxMsgSize: number;
  /** Most messages kept per subject; -1 = no limit. */
  readonly maxMsgsPerSubject: number;
  /** Default 'old'. */
  readonly discard: DiscardPolicy;
  /** Copies kept in a cluster (1..5). Default 1. */
  readonly replicas: number;
  /** Window within which a repeated `Nats-Msg-Id` is stored once, ms. Server default 120000 (2 min). */
  readonly duplicateWindow: number;
}

/** What a stream holds now. */
export interface StreamState {
  readonly messages: number;
  readonly bytes: number;
  /** First sequence held (the next one to be written when the stream is empty). */
  readonly firstSeq: number;
  /** Last sequence written (0 when nothing ever was). */
  readonly lastSeq: number;
  readonly consumerCount: number;
}

export interface StreamInfo {
  readonly config: StreamConfig;
  readonly state: StreamState;
  /** When the stream was created, ms since the epoch. */
  readonly created: number;
}

/** Where a new consumer starts (NATS `deliver_policy`). */
export type DeliverPolicy = 'all' | 'last' | 'new' | 'by_start_sequence' | 'by_start_time' | 'last_per_subject';
/** How messages are acknowledged (NATS `ack_policy`). Panini's durable consumers use `'explicit'`. */
export type AckPolicy = 'explicit' | 'none' | 'all';

/** A durable pull consumer's configuration, in Panini's units. Fields follow the server's `ConsumerConfig`. */
export interface ConsumerConfig {
  /** The durable name (also the consumer's name). */
  readonly durable: string;
  readonly description?: string;
  /** Only messages on these subjects (wildcards allowed); empty = every subject of the stream. Servers before 2.10 take at most one. */
  readonly filterSubjects: readonly string[];
  /** Not changeable after creation. */
  readonly deliverPolicy: DeliverPolicy;
  /** With `'by_start_sequence'`. */
  readonly optStartSeq?: number;
  /** With `'by_start_time'`, ms since the epoch. */
  readonly optStartTime?: number;
  /** Not changeable after creation. */
  readonly ackPolicy: AckPolicy;
  /** How long a delivered message may go unacknowledged before it is delivered again, ms. Server default 30000. */
  readonly ackWait: number;
  /** Deliveries of one message at most; -1 = no limit. After the last, the message is not delivered again. */
  readonly maxDeliver: number;
  /** Messages delivered and not yet acknowledged, at most, across every client of the consumer; -1 = no limit. */
  readonly maxAckPending: number;
  /**
   * Redelivery delays after an ack wait expired, ms, the last repeating (NATS `backoff`). The
   * server applies it only to expiry, never to a nak; when set, `maxDeliver` must be greater than its length.
   */
  readonly backoff?: readonly number[];
  /** Pull requests waiting at the server at most (server default 512). */
  readonly maxWaiting?: number;
  /** A durable consumer with no client for this long is deleted, ms; 0 = never. */
  readonly inactiveThreshold?: number;
}

/** A consumer's progress, as the server counts it. */
export interface ConsumerState {
  /** Messages delivered and not yet acknowledged (NATS `num_ack_pending`). */
  readonly numAckPending: number;
  /** Messages matching the filter not yet delivered (NATS `num_pending`). */
  readonly numPending: number;
  /** Messages delivered more than once and not yet acknowledged (NATS `num_redelivered`). */
  readonly numRedelivered: number;
  /** Pull requests waiting (NATS `num_waiting`). */
  readonly numWaiting: number;
  /** Last stream sequence delivered. */
  readonly deliveredStreamSeq: number;
  /** Stream sequence up to which every message is acknowledged (or terminated, or given up). */
  readonly ackFloorStreamSeq: number;
}

export interface ConsumerInfo {
  readonly stream: string;
  readonly name: string;
  readonly config: ConsumerConfig;
  readonly state: ConsumerState;
  /** When the consumer was created, ms since the epoch. */
  readonly created: number;
}

/** Where a message came from and how often it was delivered (parsed from its ack subject on NATS). */
export interface DeliveryInfo {
  readonly stream: string;
  readonly consumer: string;
  /** 1 on the first delivery, 2 on the first redelivery, ... */
  readonly deliveryCount: number;
  /** The message's sequence in the stream: the same on every delivery. */
  readonly streamSequence: number;
  /** The consumer's delivery sequence: grows with every delivery, redeliveries included. */
  readonly consumerSequence: number;
  /** `deliveryCount > 1`. */
  readonly redelivered: boolean;
  /** When the message was stored in the stream, ms since the epoch. */
  readonly timestamp: number;
  /** Messages left for the consumer after this one (NATS `num_pending`). */
  readonly pending: number;
}

/**
 * One delivered JetStream message. It is an `InboundMessage` (without `reply`: the pipeline sees
 * an event), plus its delivery info and the acknowledgement. The first of `ack`, `nak`, `term`
 * settles the message; later calls to any of them do nothing. None of them throws: an
 * acknowledgement that cannot be sent (the connection is closed) is lost and the server
 * redelivers the message after its ack wait.
 */
export interface JetStreamMessage extends InboundMessage {
  readonly reply?: undefined;
  readonly info: DeliveryInfo;
  /** Whether one of `ack`, `nak`, `term` was called. */
  readonly settled: boolean;
  /** Done: the message is not delivered again (NATS `+ACK`). */
  ack(): void;
  /**
   * Like `ack`, and resolves once the server confirmed it (NATS: the `+ACK`, then one `+WPI`
   * request behind it on the same consumer, which the server answers once it applied the acks
   * before it): true when confirmed, so the message no longer
   * counts in `numAckPending`; false when no confirmation came within `timeoutMs` or the message
   * was settled already (the ack may still have been applied). Never rejects.
   */
  ackSync(timeoutMs: number): Promise<boolean>;
  /**
   * Failed: deliver again after `delayMs` (NATS `-NAK {"delay": ns}`), at once without it. A nak
   * counts towards `maxDeliver`; the consumer's `backoff` does not apply to it.
   */
  nak(delayMs?: number): void;
  /**
   * Give up: never deliver again, whatever `maxDeliver` says (NATS `+TERM`). `reason` is sent as
   * `+TERM <reason>` only where the server understands it (`BackendServerInfo.termReason`),
   * else dropped.
   */
  term(reason?: string): void;
  /**
   * Still working: the ack wait starts again from now (NATS `+WPI`). Does not settle; may be
   * sent any number of times before the message is settled, never after.
   */
  working(): void;
}

/**
 * What a pull or an ordered consumer reports besides messages:
 * - `heartbeats-missed`: `count` idle heartbeats in a row did not arrive (the server or the route
 *   is gone); a fetch ends after 2.
 * - `consumer-deleted`: the consumer was deleted while a fetch waited; the fetch ends.
 * - `ordered-reset`: an ordered consumer saw a gap (or lost its consumer) and recreated it from
 *   the next sequence it expected.
 */
export type BackendEvent =
  | { readonly type: 'heartbeats-missed'; readonly count: number }
  | { readonly type: 'consumer-deleted' }
  | { readonly type: 'ordered-reset'; readonly nextSeq: number };

/** One bounded pull (NATS `$JS.API.CONSUMER.MSG.NEXT` with `batch`, `expires`, `idle_heartbeat`). */
export interface FetchOptions {
  /** Messages wanted at most (>= 1): the server delivers no more than this for this pull. */
  readonly max: number;
  /** How long the pull waits at the server for messages, ms (>= 1000 on NATS). */
  readonly expires: number;
  /** Idle heartbeat interval, ms (at most half of `expires`); 0 or absent: none. */
  readonly heartbeat?: number;
  readonly onEvent?: (event: BackendEvent) => void;
  /**
   * Takes each message as it arrives, in place of the iteration (which then yields nothing and
   * only ends, or throws, as described on `PullBatch`): no promise per message. Must not throw.
   */
  readonly onMessage?: (message: JetStreamMessage) => void;
}

/**
 * The messages of one pull, as they arrive. The iteration ends when `max` messages arrived, the
 * pull expired, `stop()` was called, 2 heartbeats were missed or the consumer was deleted (each
 * of the last two reported through `onEvent` first). `delivered` counts what came so far, so the
 * caller knows how many of its `max` were never used.
 * Iterating throws `StreamNotFoundError` / `ConsumerNotFoundError` when the stream or consumer
 * does not exist when the pull is made.
 */
export interface PullBatch extends AsyncIterable<JetStreamMessage> {
  readonly delivered: number;
  /**
   * Ends the iteration after the message being handed out. Messages already received and not
   * yet handed out, and those the server still sends for this pull, are nak'ed at once (no
   * delay), so another client of the consumer gets them without waiting for the ack wait.
   */
  stop(): void;
}

/** Where an ordered consumer starts. */
export interface OrderedOptions {
  /** Default: every subject of the stream. */
  readonly filterSubjects?: readonly string[];
  /** Default `'all'`. */
  readonly deliverPolicy?: DeliverPolicy;
  readonly optStartSeq?: number;
  /** ms since the epoch. */
  readonly optStartTime?: number;
  /** Idle heartbeat interval, ms; default 5000. */
  readonly heartbeat?: number;
  readonly onEvent?: (event: BackendEvent) => void;
}

/**
 * An ordered consumer: an ephemeral consumer with `ack_policy: none`, `max_deliver: 1`, that the
 * backend recreates from the next expected stream sequence when it sees a gap in consumer
 * sequences, misses heartbeats or loses the consumer. Messages come once each, in stream order;
 * their `ack`/`nak`/`term`/`working` do nothing. The iteration ends on `stop()` only.
 */
export interface OrderedSubscription extends AsyncIterable<JetStreamMessage> {
  stop(): void;
}

/** What to check on a publish (NATS `Nats-Expected-*` headers). */
export interface PublishExpectations {
  /** The stream the subject must land in (`Nats-Expected-Stream`); else `StreamMismatchError`. */
  readonly stream?: string;
  /** The stream's last sequence (`Nats-Expected-Last-Sequence`); else `WrongLastSequenceError`. */
  readonly lastSequence?: number;
  /** The last sequence of this subject in the stream, 0 for none yet (`Nats-Expected-Last-Subject-Sequence`); else `WrongLastSequenceError`. */
  readonly lastSubjectSequence?: number;
  /** The id of the stream's last message (`Nats-Expected-Last-Msg-Id`); else `WrongLastMsgIdError`. */
  readonly lastMsgId?: string;
}

export interface BackendPublishOptions {
  readonly headers?: HeaderRecord;
  /** `Nats-Msg-Id`: a second publish with the same id within the stream's duplicate window is stored once (`PubAck.duplicate`). */
  readonly msgId?: string;
  readonly expect?: PublishExpectations;
  /** How long to wait for the PubAck, ms. */
  readonly timeout: number;
}

/** The stream's answer to a publish. */
export interface PubAck {
  readonly stream: string;
  /** The message's stream sequence (the first one's, for a duplicate). */
  readonly seq: number;
  /** True when `msgId` was seen within the duplicate window and the message was not stored again. */
  readonly duplicate: boolean;
}

/** The server, as far as features depend on its version. */
export interface BackendServerInfo {
  /** The server's version, for example `'2.9.10'`. */
  readonly version: string;
  /** `+TERM <reason>` is understood (2.11.0 and later, as nats.js documents; the reason goes in the termination advisory). */
  readonly termReason: boolean;
  /** A consumer takes several `filterSubjects` (2.10.0 and later). */
  readonly multipleFilters: boolean;
}

/** The broker side of JetStream, one per connection. */
export interface JetStreamBackend {
  /** Of the server the connection is on now (may change after a reconnect). */
  server(): BackendServerInfo;

  /** @throws StreamNotFoundError */
  streamInfo(name: string): Promise<StreamInfo>;
  /** @throws JetStreamApiError (10058 when a stream of that name exists with another configuration; 10065 when its subjects overlap another stream's) */
  addStream(config: StreamConfig): Promise<StreamInfo>;
  /**
   * Applies a whole new configuration (fields not given take their defaults, as on the server).
   * @throws StreamNotFoundError; JetStreamApiError (10052 and others) for a change the server refuses.
   */
  updateStream(config: StreamConfig): Promise<StreamInfo>;
  /** Deletes the stream and its consumers. Resolves false when it did not exist. */
  deleteStream(name: string): Promise<boolean>;

  /** @throws StreamNotFoundError, ConsumerNotFoundError */
  consumerInfo(stream: string, durable: string): Promise<ConsumerInfo>;
  /** Creates the durable consumer; the same configuration again is no error. @throws StreamNotFoundError, JetStreamApiError */
  addConsumer(stream: string, config: ConsumerConfig): Promise<ConsumerInfo>;
  /** @throws StreamNotFoundError, ConsumerNotFoundError, JetStreamApiError for a change the server refuses */
  updateConsumer(stream: string, config: ConsumerConfig): Promise<ConsumerInfo>;
  /** Resolves false when it did not exist. @throws StreamNotFoundError */
  deleteConsumer(stream: string, durable: string): Promise<boolean>;

  /** One bounded pull on a durable consumer (see `FetchOptions`, `PullBatch`). Never throws itself; its iteration may. */
  fetch(stream: string, durable: string, options: FetchOptions): PullBatch;
  /**
   * Resolves true once every `ack` and `term` sent so far for messages of this consumer's
   * pulls is applied by the server, false when that was not confirmed within `timeoutMs` (they
   * may still be applied). Never rejects. Absent: a backend that applies them as they are sent.
   */
  settled?(stream: string, durable: string, timeoutMs: number): Promise<boolean>;
  /** Starts an ordered consumer (see `OrderedSubscription`). @throws StreamNotFoundError */
  ordered(stream: string, options: OrderedOptions): Promise<OrderedSubscription>;

  /**
   * Publishes and waits for the stream's PubAck.
   * @throws StreamNotFoundError (no stream captures the subject), WrongLastSequenceError,
   *   WrongLastMsgIdError, StreamMismatchError, PublishTimeoutError, JetStreamApiError
   */
  publish(subject: string, data: Uint8Array, options: BackendPublishOptions): Promise<PubAck>;

  /**
   * The key-value buckets and object stores on this connection, when the backend provides them
   * itself (the testing kit's emulation). Absent on `NatsJetStreamBackend`: the stores of a NATS
   * connection go through @nats-io/kv and @nats-io/obj (see `storesFor`).
   */
  stores?(): StoreBackend;
}

/**
 * How the module finds the backend of an app's transport: a transport that emulates JetStream
 * itself (the testing kit's `MemoryTransport`, and any wrapper forwarding it) has a method under
 * this key returning its backend. A `NatsTransport` has none; the module builds a
 * `NatsJetStreamBackend` from its `connection`. The key is shared by every copy of Panini.
 * @example
 * class MemoryTransport { [JETSTREAM_BACKEND](): JetStreamBackend { return this.broker.jetstream(this); } }
 */
export const JETSTREAM_BACKEND: unique symbol = Symbol.for('@panini/core/jetstream-backend');

/** A transport that provides its own JetStream backend (see `JETSTREAM_BACKEND`). */
export interface JetStreamCapableTransport extends Transport {
  [JETSTREAM_BACKEND](): JetStreamBackend;
}

/** True when the transport provides its own backend. */
export function providesBackend(transport: Transport): transport is JetStreamCapableTransport {
  return typeof (transport as Partial<Record<typeof JETSTREAM_BACKEND, unknown>>)[JETSTREAM_BACKEND] === 'function';
}
