import { MessageContext } from '../index.js';
import type { HandlerDefinition } from '../internal.js';
import type { JetStreamMessage } from './backend.js';

/**
 * The context of a `@Consume` handler's message (`@Ctx() ctx: JetStreamContext`): the message
 * context plus where the message sits in its stream and how often it was delivered, and manual
 * acknowledgement for handlers that need it. Once a handler called `ack`, `nak` or `term`,
 * Panini does not settle the message again when the handler returns or throws.
 * @example
 * @Consume('ORDERS', { durable: 'billing' })
 * async bill(@Payload() o: Order, @Ctx() ctx: JetStreamContext) {
 *   if (!(await this.ledger.ready())) return ctx.nak(10_000); // try again in 10 s
 *   await this.ledger.bill(o);
 * }
 */
export class JetStreamContext<P = unknown> extends MessageContext<P> {
  declare readonly message: JetStreamMessage;

  constructor(message: JetStreamMessage, handler: HandlerDefinition, service: string) {
    super(message, handler, service);
  }

  get stream(): string { return this.message.info.stream; }
  /** The consumer's name (the durable name; generated for an ordered consumer). */
  get consumer(): string { return this.message.info.consumer; }
  /** 1 on the first delivery, 2 on the first redelivery, ... */
  get deliveryCount(): number { return this.message.info.deliveryCount; }
  get redelivered(): boolean { return this.message.info.redelivered; }
  /** The message's sequence in the stream (the same on every delivery). */
  get streamSequence(): number { return this.message.info.streamSequence; }
  /** The consumer's delivery sequence (grows with every delivery). */
  get consumerSequence(): number { return this.message.info.consumerSequence; }
  /** When the message was stored in the stream. */
  get publishedAt(): Date { return new Date(this.message.info.timestamp); }
  /** Messages left for the consumer after this one. */
  get pending(): number { return this.message.info.pending; }
  /** The publisher's `Nats-Msg-Id`, when it set one: a key for idempotent handlers. */
  get msgId(): string | undefined { return this.header('Nats-Msg-Id'); }
  /** Whether the message was acked, nak'ed or terminated already. */
  get settled(): boolean { return this.message.settled; }

  /** Done: not delivered again. */
  ack(): void { this.message.ack(); }
  /** Deliver again after `delayMs` (at once without it); counts towards `maxDeliver`. */
  nak(delayMs?: number): void { this.message.nak(delayMs); }
  /** Never deliver again, and no dead letter: the handler decided. `reason` reaches servers 2.11+. */
  term(reason?: string): void { this.message.term(reason); }
  /** Still working: the ack wait starts again (Panini also does this every half ack wait on its own). */
  working(): void { this.message.working(); }
}
