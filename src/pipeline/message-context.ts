import { randomUUID } from 'node:crypto';
import type { HeaderRecord, InboundMessage } from '../transport/transport.js';
import { extractParams } from '../scanner/subject-pattern.js';
import type { HandlerDefinition } from '../scanner/handler-definition.js';
import { headerValue } from '../errors/header-lookup.js';
import { checkHeaderName, foldHeaderValue } from '../transport/header-rules.js';

const NO_HEADERS: HeaderRecord = Object.freeze({}) as HeaderRecord;
/** Headers read for a caller-supplied request id, in this order (names match in any case). */
export const REQUEST_ID_HEADERS = ['Nats-Request-Id', 'X-Request-Id'] as const;

/**
 * What a handler can know about the message it handles. Get it with `@Ctx()`, or as the second
 * argument of a handler without parameter decorators.
 * @example
 * @Subject('ping') ping(@Ctx() ctx: MessageContext) { ctx.setReplyHeader('x-served-by', 'a'); return ctx.subject; }
 */
export class MessageContext<P = unknown> {
  /** Tells a NATS context from an HTTP one where extensions serve both. */
  readonly kind = 'nats' as const;
  /** The decoded body (after middleware has run, what the handler sees). */
  payload: P = undefined as P;
  /** Headers sent with the reply. */
  replyHeaders: HeaderRecord | undefined;
  /** Set by the `timeout()` middleware: aborted when the handler's time is up. */
  signal: AbortSignal | undefined;
  /** Free space for middleware to pass data along. */
  private stateBag: Record<string, unknown> | undefined;
  private paramsCache: Record<string, string> | undefined;
  private id: string | undefined;
  private reqHeaders: HeaderRecord | undefined;

  constructor(
    readonly message: InboundMessage,
    readonly handler: HandlerDefinition,
    readonly service: string,
  ) {}

  get subject(): string { return this.message.subject; }
  /** Where the reply goes; undefined for events. */
  get reply(): string | undefined { return this.message.reply; }
  /** The headers as sent (names in the sender's case); empty when there are none or they cannot be read. */
  get headers(): HeaderRecord { return this.reqHeaders ?? this.message.headers ?? NO_HEADERS; }
  set headers(h: HeaderRecord) { this.reqHeaders = h; }
  /** One header's value, its name matched in any case: `ctx.header('x-tenant')` finds `X-Tenant`. */
  header(name: string): string | undefined { return headerValue(this.headers, name); }
  /** Named subject tokens: `orders.{id}` -> `{ id }`. */
  get params(): Record<string, string> {
    return (this.paramsCache ??= extractParams(this.message.subject, this.handler.tokens));
  }
  get raw(): unknown { return this.message.raw; }
  get state(): Record<string, unknown> { return (this.stateBag ??= {}); }
  /** From a `Nats-Request-Id`/`X-Request-Id` header when present, else generated once. */
  get requestId(): string {
    if (this.id === undefined) {
      // the transport never throws here: unreadable headers are no headers
      const h = this.message.headers;
      this.id = (h && (headerValue(h, REQUEST_ID_HEADERS[0]) ?? headerValue(h, REQUEST_ID_HEADERS[1]))) || randomUUID();
    }
    return this.id;
  }

  /**
   * Adds a header to the reply. A value with line breaks is folded to one line (one space per
   * run of CR/LF), so the reply still goes out.
   * @throws InvalidArgumentError (from nats.js) when `name` cannot be a header name (empty, or
   *   not printable ASCII without ':'), here rather than when the reply is sent; uncaught, the
   *   requester gets a 500 error reply, never a timeout.
   */
  setReplyHeader(name: string, value: string): void {
    checkHeaderName(name);
    (this.replyHeaders ??= {})[name] = foldHeaderValue(String(value));
  }
}
