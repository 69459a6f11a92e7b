import type { StoredMessage } from './js-types.js';

/**
 * Why a pull request ended, with the status the server would send:
 * `batch` (every message asked for was delivered), `no-messages` (404, a `no_wait` request
 * found nothing), `expired` (408, its `expires` ran out), `max-bytes` (409, the next message is
 * larger than what is left), `consumer-deleted` (409), `cancelled` (the puller went away).
 */
export type PullEnd = 'batch' | 'no-messages' | 'expired' | 'max-bytes' | 'consumer-deleted' | 'cancelled';

/** A request for messages, as a pull consumer's client sends it (`$JS.API.CONSUMER.MSG.NEXT`). */
export interface PullRequest {
  /** Messages wanted, >= 1. */
  batch: number;
  /** Largest total size of the messages delivered, in bytes (0 or undefined: no limit). */
  maxBytes?: number;
  /** Milliseconds the request waits for messages (undefined: until the batch is complete). */
  expires?: number;
  /** End at once when no message is available rather than wait. */
  noWait?: boolean;
  deliver(delivery: MemoryDelivery): void;
  end(reason: PullEnd, delivered: number): void;
}

/** What a delivery's acknowledgement calls back into: its consumer. */
export interface AckTarget {
  ack(d: MemoryDelivery): void;
  nak(d: MemoryDelivery, delayMs?: number): void;
  term(d: MemoryDelivery, reason?: string): void;
  working(d: MemoryDelivery): void;
}

/**
 * One delivery of a stored message to a pull request. Acking it more than once, or after the
 * message was redelivered, does what the server does with such acks (see `MemoryConsumer`).
 */
export class MemoryDelivery {
  constructor(
    private readonly target: AckTarget,
    readonly message: StoredMessage,
    readonly stream: string,
    readonly consumer: string,
    /** The consumer's delivery sequence of this delivery. */
    readonly consumerSeq: number,
    /** 1 on the first delivery. */
    readonly deliveryCount: number,
    /** Messages left for the consumer after this one (`num_pending` when it was delivered). */
    readonly pending: number,
  ) {}

  get streamSeq(): number { return this.message.seq; }
  get redelivered(): boolean { return this.deliveryCount > 1; }
  /**
   * The ack subject the server would have set as reply: `$JS.ACK.<stream>.<consumer>.<delivery
   * count>.<stream seq>.<consumer seq>.<timestamp ns>.<pending>` (ADR-15 v1 form).
   */
  get reply(): string {
    return `$JS.ACK.${this.stream}.${this.consumer}.${this.deliveryCount}.${this.streamSeq}.${this.consumerSeq}.${this.message.time * 1_000_000}.${this.pending}`;
  }

  ack(): void { this.target.ack(this); }
  /** Redelivers now, or after `delayMs`. */
  nak(delayMs?: number): void { this.target.nak(this, delayMs); }
  /** Never redelivers it. */
  term(reason?: string): void { this.target.term(this, reason); }
  /** Restarts the ack wait. */
  working(): void { this.target.working(this); }
}
