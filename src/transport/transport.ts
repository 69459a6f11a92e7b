import type { MalformedHeadersError } from './transport.errors.js';

/** Message headers as a plain record (one value per name; the last wins on the wire). */
export type HeaderRecord = Record<string, string>;

/** A message as every transport hands it to the pipeline. */
export interface InboundMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  /** Where the answer goes, when the sender expects one. */
  readonly reply?: string;
  /** Undefined when the message carries no headers, or headers that cannot be read. */
  readonly headers?: HeaderRecord;
  /** Set, instead of `headers`, when the message's header block cannot be read. */
  readonly headersError?: MalformedHeadersError;
  /** The transport's own message object (a nats.js `Msg` on NATS). */
  readonly raw?: unknown;
  /**
   * Makes the message hold only its own bytes. Called before a message waits in a handler's
   * backlog: a transport that hands out views into a larger read buffer (nats.js does) would
   * otherwise keep that whole buffer alive for every waiting message, beyond the byte limit.
   */
  detach?(): void;
}

export interface PublishOptions { headers?: HeaderRecord; reply?: string }
export interface RequestOptions { timeout: number; headers?: HeaderRecord }
export interface SubscribeOptions { queue?: string }

export interface TransportSubscription {
  readonly subject: string;
  readonly queue?: string;
  unsubscribe(): void;
  /** Stops delivery and resolves once messages already delivered to the callback were handed over. */
  drain(): Promise<void>;
}

export type TransportState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'draining' | 'closed';

/**
 * What a transport reports about its connection:
 * - `stalled`: the connection stopped reading (it did not answer the liveness check in time); a reconnect is forced.
 * - `permission-denied`: the server refused a subscription or a publish; `operation` and `subject` say which.
 * - `publishes-lost`: `count` events published while disconnected were never sent (the connection closed first).
 */
export interface TransportEvent {
  type: 'connected' | 'disconnected' | 'reconnecting' | 'reconnected' | 'error' | 'closed' | 'slow-consumer'
    | 'stalled' | 'permission-denied' | 'publishes-lost';
  server?: string;
  error?: Error;
  operation?: 'subscription' | 'publish';
  subject?: string;
  queue?: string;
  count?: number;
}

/**
 * What Panini needs from a broker, and nothing more. `NatsTransport` speaks to a real server;
 * `MemoryTransport` (in `@panini/core/testing`) keeps everything in process with NATS semantics.
 */
export interface Transport {
  readonly kind: string;
  readonly state: TransportState;
  /** Largest payload the broker accepts, in bytes. */
  readonly maxPayload: number;
  /** A display form of the servers, with credentials removed. */
  readonly servers: readonly string[];
  connect(): Promise<void>;
  publish(subject: string, data: Uint8Array, options?: PublishOptions): void;
  subscribe(subject: string, callback: (msg: InboundMessage) => void, options?: SubscribeOptions): TransportSubscription;
  /** Resolves with the reply; rejects with `RequestTimeoutError` or `NoRespondersError`. */
  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<InboundMessage>;
  flush(): Promise<void>;
  /** Unsubscribes everything, waits for delivered messages, flushes, then closes. */
  drain(): Promise<void>;
  close(): Promise<void>;
  onEvent(listener: (event: TransportEvent) => void): () => void;
}
