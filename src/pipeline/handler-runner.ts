import type { HandlerDefinition } from '../scanner/handler-definition.js';
import type { InboundMessage, Transport } from '../transport/transport.js';
import type { Logger } from '../logging/logger.js';
import type { ExceptionFilterFn, GuardFn } from './extension.types.js';
import { jsonCodec, type Codec } from './codec.js';
import { DecodeError, ServiceError, toErrorBody } from './errors.js';
import { ERROR_CODE_HEADER, ERROR_HEADER, ForbiddenError } from '../errors/index.js';
import { MessageContext } from './message-context.js';
import { resolveArgsAsync, type CompiledArgs } from './param-resolvers.js';
import { toPlain } from './validation.js';
import { wireErrorCode } from '../errors/error-code.js';
import { PayloadTooLargeError } from '../transport/payload-rules.js';
import { runFilters } from './run-filters.js';
import type { HandlerStats } from './handler-stats.js';
import type { ResolvedBacklog } from './backlog-options.js';
import { ShedLog } from './shed-log.js';
import { quietAfterAbandon } from './late-transport.js';

// moved to the shared leaf; re-exported for older imports
export { ERROR_CODE_HEADER, ERROR_HEADER, ForbiddenError };

type Chain = (ctx: MessageContext, last: () => Promise<unknown>) => Promise<unknown>;

export interface RunnerParts {
  def: HandlerDefinition;
  service: string;
  transport: Transport;
  log: Logger;
  codec: Codec;
  args: CompiledArgs;
  /** The bound controller method. */
  invoke: (...args: unknown[]) => unknown;
  concurrency: number;
  middleware?: Chain;
  guards: GuardFn[];
  interceptors?: Chain;
  filters: ExceptionFilterFn[];
  /** Runs the work inside the logging scope of the message. */
  scope?: <T>(ctx: MessageContext, fn: () => T) => T;
  stats: HandlerStats;
  /** Limits on messages waiting for a free slot. */
  backlog: ResolvedBacklog;
}

/** What `abandon` cut: queued requests answered 503 and queued events dropped. */
export interface AbandonedWork { handler: string; requests: number; events: number }

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';

/**
 * Runs one handler for every message of its subscription: decode, middleware, guards,
 * validation, interceptors, invoke, encode, reply. At most `concurrency` at once; the rest wait
 * in order, up to the backlog limits; past them a request is answered 503 and an event is shed
 * (counted and logged). Never throws: every failure is replied or logged.
 */
export class HandlerRunner {
  private active = 0;
  private readonly waiting: InboundMessage[] = [];
  private head = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly fast: boolean;
  // copies of the limits: abandon() sets them to 0 so nothing starts or queues any more
  private concurrency: number;
  private maxWaiting: number;
  private readonly maxBytes: number;
  private refusal: string;
  private shedLog: ShedLog | undefined;
  /** False for an observe-only handler (`reply: false`): it never answers, even a request. */
  private readonly answers: boolean;

  constructor(private readonly p: RunnerParts) {
    this.fast = !p.args.async && p.guards.length === 0 && p.interceptors === undefined;
    this.answers = p.def.options.reply !== false;
    this.concurrency = p.concurrency;
    this.maxWaiting = p.backlog.maxMessages;
    this.maxBytes = p.backlog.maxBytes;
    const limits = `${p.backlog.maxMessages} messages or ${p.backlog.maxBytes} bytes waiting`;
    this.refusal = `${p.def.name} is overloaded (${limits}); retry later or on another instance`;
    this.shedLog = new ShedLog(p.log, p.def.name, limits);
  }

  /** The subscription callback. Synchronous, so the client library never buffers for us: this queue is the only one. */
  readonly onMessage = (msg: InboundMessage): void => {
    if (this.active < this.concurrency) this.start(msg);
    else {
      const stats = this.p.stats;
      const size = msg.data.length;
      if (stats.waiting < this.maxWaiting && stats.waitingBytes + size <= this.maxBytes) {
        msg.detach?.();
        this.waiting.push(msg);
        stats.waiting++;
        stats.waitingBytes += size;
      } else {
        this.shed(msg);
        // after abandon() the shutdown summary has been written; what still arrives is only counted
        this.shedLog?.note(msg.reply === undefined ? 'event' : 'request');
      }
    }
  };

  /**
   * Stops taking work (the shutdown deadline passed): nothing queued or arriving later starts.
   * Queued requests are answered 503 with `reason`, queued events are dropped and counted in
   * `shed`; the caller logs the returned counts in one line. A handler still running finishes,
   * but a reply it sends once the connection is closed is dropped (logged at debug, once).
   */
  abandon(reason: string): AbandonedWork {
    this.concurrency = 0;
    this.maxWaiting = 0;
    this.refusal = reason;
    this.shedLog?.stop();
    this.shedLog = undefined;
    const stats = this.p.stats;
    const cut = this.waiting.slice(this.head);
    this.waiting.length = 0;
    this.head = 0;
    stats.waiting = 0;
    stats.waitingBytes = 0;
    let requests = 0;
    for (const msg of cut) {
      if (msg.reply !== undefined && this.answers) requests++;
      this.shed(msg);
    }
    this.p.transport = quietAfterAbandon(this.p.transport, this.p.log, this.p.def.name);
    this.checkIdle();
    return { handler: this.p.def.name, requests, events: cut.length - requests };
  }

  /** A message that will not run: a request is answered 503 at once (the caller can retry elsewhere), an event is counted. */
  private shed(msg: InboundMessage): void {
    // an observe-only handler leaves the answer to the real responder, even a 503
    if (msg.reply === undefined || !this.answers) {
      this.p.stats.shed++;
      return;
    }
    this.p.stats.refused++;
    const error = { code: 503, message: this.refusal };
    try {
      this.p.transport.publish(msg.reply, jsonCodec.encode({ error }), { headers: { [ERROR_HEADER]: error.message, [ERROR_CODE_HEADER]: '503' } });
    } catch (err) {
      this.p.log.debug(`${this.p.def.name} could not answer 503 to '${msg.reply}'`, { error: (err as Error).message });
    }
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === this.head) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Runs `msg`. A handler that finishes synchronously is done before this returns, and the next
   * waiting message is taken in the same loop (no promise, no recursion); an async one continues
   * in `done`.
   */
  private start(msg: InboundMessage): void {
    const stats = this.p.stats;
    let next: InboundMessage | undefined = msg;
    while (next !== undefined) {
      this.active++;
      stats.inFlight++;
      const pending = this.handle(next);
      if (pending !== undefined) {
        pending.then(this.done, this.done);
        return;
      }
      this.active--;
      stats.inFlight--;
      next = this.dequeue();
    }
    this.checkIdle();
  }

  private readonly done = (): void => {
    this.active--;
    this.p.stats.inFlight--;
    const next = this.dequeue();
    if (next !== undefined) this.start(next);
    else this.checkIdle();
  };

  private dequeue(): InboundMessage | undefined {
    if (this.head >= this.waiting.length) return undefined;
    const next = this.waiting[this.head]!;
    this.waiting[this.head++] = undefined as never;
    this.p.stats.waiting--;
    this.p.stats.waitingBytes -= next.data.length;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    return next;
  }

  private checkIdle(): void {
    if (this.active !== 0 || this.head < this.waiting.length) return;
    this.waiting.length = 0;
    this.head = 0;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of w) resolve();
  }

  private handle(msg: InboundMessage): Promise<void> | undefined {
    const ctx = new MessageContext(msg, this.p.def, this.p.service);
    return this.p.scope ? this.p.scope(ctx, () => this.process(ctx)) : this.process(ctx);
  }

  /** The fast path: no extensions, no DTO. Stays synchronous (no promise) for a synchronous handler. */
  private process(ctx: MessageContext): Promise<void> | undefined {
    const p = this.p;
    p.stats.received++;
    if (p.middleware !== undefined || !this.fast) return this.processFull(ctx);
    let result: unknown;
    try {
      ctx.payload = this.decode(ctx);
      result = p.invoke(...p.args.resolvers.map((fn) => fn(ctx)));
      if (isThenable(result)) return this.settle(ctx, result);
      this.finish(ctx, result);
    } catch (err) {
      return this.fail(ctx, err);
    }
    return undefined;
  }

  private async processFull(ctx: MessageContext): Promise<void> {
    const p = this.p;
    try {
      ctx.payload = this.decode(ctx);
      const result = p.middleware ? await p.middleware(ctx, () => this.core(ctx)) : await this.core(ctx);
      this.finish(ctx, result);
    } catch (err) {
      await this.fail(ctx, err);
    }
  }

  private async settle(ctx: MessageContext, pending: PromiseLike<unknown>): Promise<void> {
    try {
      this.finish(ctx, await pending);
    } catch (err) {
      await this.fail(ctx, err);
    }
  }

  private decode(ctx: MessageContext): unknown {
    // unreadable headers (told apart by the transport): 400, never a throw from a header read
    if (ctx.message.headersError) throw ctx.message.headersError;
    try {
      return this.p.codec.decode(ctx.message.data);
    } catch (err) {
      throw new DecodeError(this.p.codec.name, err);
    }
  }

  private finish(ctx: MessageContext, result: unknown): void {
    if (ctx.reply !== undefined && this.answers) this.reply(ctx, result);
    this.p.stats.handled++;
  }

  private async core(ctx: MessageContext): Promise<unknown> {
    const p = this.p;
    for (const guard of p.guards) {
      if ((await guard(ctx)) !== true) throw new ForbiddenError(p.def.name);
    }
    const args = p.args.async ? await resolveArgsAsync(p.args.resolvers, ctx) : p.args.resolvers.map((fn) => fn(ctx));
    if (p.interceptors) return p.interceptors(ctx, async () => p.invoke(...args));
    return p.invoke(...args);
  }

  private reply(ctx: MessageContext, result: unknown): void {
    const p = this.p;
    let data: Uint8Array;
    try {
      data = p.codec.encode(toPlain(result, p.def.options.serializeGroups));
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      throw new ServiceError(500, `${p.def.name} returned a reply that cannot be encoded with the ${p.codec.name} codec`, undefined, { cause: err });
    }
    try {
      p.transport.publish(ctx.reply!, data, ctx.replyHeaders ? { headers: ctx.replyHeaders } : undefined);
    } catch (err) {
      if (!(err instanceof PayloadTooLargeError)) throw err;
      // the caller learns why instead of a bare 500; the operator sees it as a warning
      const message = `the reply of ${p.def.name} is ${err.size} bytes, more than the server's max payload of ${err.max} bytes`;
      p.log.warn(message, { subject: ctx.subject, handler: p.def.name, size: err.size, max: err.max });
      throw new ServiceError(413, message, { size: err.size, max: err.max });
    }
  }

  private async fail(ctx: MessageContext, err: unknown): Promise<void> {
    const p = this.p;
    p.stats.failed++;
    const replyTo = this.answers ? ctx.reply : undefined;
    const given = await runFilters(p.filters, err, ctx, p.log, p.def.name);
    if (given === null) {
      // swallowed by a filter: a requester still gets an (empty) answer instead of a timeout
      if (replyTo !== undefined) this.safePublish(replyTo, new Uint8Array(0), ctx.replyHeaders);
      return;
    }
    const answer = this.checked(given ?? toErrorBody(err).error, ctx);
    const fields = { subject: ctx.subject, handler: p.def.name, code: answer.code };
    if (answer.code >= 500) p.log.error(`${p.def.name} failed on '${ctx.subject}'`, { ...fields, error: err as Error });
    else if (replyTo === undefined) p.log.warn(`${p.def.name} rejected an event on '${ctx.subject}': ${answer.message}`, { ...fields, details: answer.details });
    else p.log.debug(`${p.def.name} answered ${answer.code} on '${ctx.subject}': ${answer.message}`, fields);

    if (replyTo !== undefined) {
      const headers = { ...ctx.replyHeaders, [ERROR_HEADER]: answer.message.replace(/[\r\n]+/g, ' '), [ERROR_CODE_HEADER]: String(answer.code) };
      // details too large (or not JSON) must not cost the caller the code: send without them
      if (!this.trySend(replyTo, () => jsonCodec.encode({ error: answer }), headers)) {
        const { details: _dropped, ...bare } = answer;
        this.safePublish(replyTo, jsonCodec.encode({ error: bare }), headers);
      }
      return;
    }
    p.stats.failedEvents++;
    const invalidTo = p.def.options.invalidTo;
    if (invalidTo && answer.code >= 400 && answer.code < 500) {
      const body = {
        subject: ctx.subject,
        handler: p.def.name,
        error: answer,
        headers: ctx.message.headers,
        payload: new TextDecoder().decode(ctx.message.data),
      };
      this.safePublish(invalidTo, jsonCodec.encode(body), { [ERROR_HEADER]: answer.message, [ERROR_CODE_HEADER]: String(answer.code) });
    }
  }

  /**
   * The error answer as it may go on the wire: a code from 400 to 599 and a string message.
   * Filters and plain objects can produce anything; a bad code becomes 500 with a warning.
   */
  private checked(answer: { code: unknown; message?: unknown; details?: unknown }, ctx: MessageContext): { code: number; message: string; details?: unknown } {
    const { code, valid } = wireErrorCode(answer.code);
    if (!valid) this.p.log.warn(`${this.p.def.name} answered '${ctx.subject}' with the invalid error code ${String(answer.code)}; sent 500 instead (use an integer from 400 to 599)`, { handler: this.p.def.name, code: String(answer.code) });
    const message = typeof answer.message === 'string' ? answer.message : 'internal error';
    return answer.details === undefined ? { code, message } : { code, message, details: answer.details };
  }

  private trySend(subject: string, encode: () => Uint8Array, headers: Record<string, string>): boolean {
    try {
      this.p.transport.publish(subject, encode(), { headers });
      return true;
    } catch {
      return false;
    }
  }

  private safePublish(subject: string, data: Uint8Array, headers?: Record<string, string>): void {
    try {
      this.p.transport.publish(subject, data, headers ? { headers } : undefined);
    } catch (err) {
      this.p.log.error(`${this.p.def.name} could not send to '${subject}'`, err as Error);
    }
  }
}
