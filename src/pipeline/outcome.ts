import type { InboundMessage } from '../transport/transport.js';
import type { ErrorBody } from './errors.js';
import type { MessageContext } from './message-context.js';

/**
 * What running a handler came to. A failure carries the answer as it may go on the wire (a code
 * from 400 to 599 and a string message, after exception filters), or `body: null` when a filter
 * swallowed the error (`code` is then what the error would have been answered with).
 */
export type Outcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly code: number; readonly body: ErrorBody['error'] | null; readonly error: unknown };

/**
 * What settling did:
 * - `'answered'`: an answer went out (a reply, an error reply; an ack for a stream consumer);
 * - `'silent'`: nothing went out (an event, an observe-only handler, or the answer was lost and logged);
 * - `{ failed }`: a successful result could not be delivered (not encodable, larger than the
 *   server's max payload); the runner settles `failed` as a failure, through the exception filters.
 */
export type Settlement = 'answered' | 'silent' | { readonly failed: unknown };

/** Why a message does not run at all. */
export interface Refusal {
  /** `overloaded`: the handler's backlog is full; `shutting-down`: it was still queued at the shutdown deadline. */
  readonly reason: 'overloaded' | 'shutting-down';
  /** The status a requester is told (503: retry later or elsewhere). */
  readonly code: number;
  readonly message: string;
}

/**
 * What a source does with the outcome of its messages; one per handler, built by the source
 * next to its runner. Core NATS replies or answers an error; a stream consumer acks, naks with a
 * delay or terminates. The runner never decides that itself, so a new source plugs in here.
 */
export interface OutcomePolicy {
  /** Settles one message's outcome. Never throws: what cannot be sent is logged. */
  settle(ctx: MessageContext, outcome: Outcome): Settlement | Promise<Settlement>;
  /**
   * A message that will not run (see `Refusal`). Returns true when the sender was told (counted
   * as `refused`), false when the message was dropped (counted as `shed`). Never throws.
   */
  refuse(msg: InboundMessage, refusal: Refusal): boolean;
  /**
   * Called once at the shutdown deadline, after the queued messages were refused: answers of
   * handlers that outlive it may meet a closed connection and must be dropped quietly.
   */
  abandoned?(): void;
}
