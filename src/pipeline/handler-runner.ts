import type { HandlerDefinition } from '../scanner/handler-definition.js';
import type { InboundMessage } from '../transport/transport.js';
import type { Logger } from '../logging/logger.js';
import type { ExceptionFilterFn, GuardFn } from './extension.types.js';
import type { Codec } from './codec.js';
import { DecodeError, ServiceError, toErrorBody } from './errors.js';
import { ERROR_CODE_HEADER, ERROR_HEADER, ForbiddenError } from '../errors/index.js';
import { MessageContext } from './message-context.js';
import { resolveArgsAsync, type CompiledArgs } from './param-resolvers.js';
import { wireErrorCode } from '../errors/error-code.js';
import { runFilters } from './run-filters.js';
import type { HandlerStats } from './handler-stats.js';
import type { ResolvedBacklog } from './backlog-options.js';
import { ShedLog } from './shed-log.js';
import type { Outcome, OutcomePolicy, Refusal, Settlement } from './outcome.js';
import type { PipelineListener } from './pipeline-events.js';

// moved to the shared leaf; re-exported for older imports
export { ERROR_CODE_HEADER, ERROR_HEADER, ForbiddenError };

type Chain = (ctx: MessageContext, last: () => Promise<unknown>) => Promise<unknown>;

export interface RunnerParts {
  def: HandlerDefinition;
  service: string;
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
  /** What the message's source does with outcomes and refusals (reply, ack, dead-letter...). */
  policy: OutcomePolicy;
  /** Makes the context of a message; a source whose messages carry more (JetStream delivery info) gives its own subclass. */
  context?: (msg: InboundMessage, def: HandlerDefinition, service: string) => MessageContext;
  /** Called with every pipeline event; undefined when nobody listens, so nothing is measured. */
  emit?: PipelineListener;
}

/** What `abandon` cut: queued requests answered (503 on core NATS) and queued events dropped. */
export interface AbandonedWork { handler: string; requests: number; events: number }

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';

/**
 * Runs one handler for every message of its source: decode, middleware, guards, validation,
 * interceptors, invoke, then hands the outcome to the source's policy (which replies, acks or
 * dead-letters). At most `concurrency` at once; the rest wait in order, up to the backlog
 * limits; past them the policy refuses the message. Never throws: every failure is settled.
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
  private refusal: Refusal;
  private shedLog: ShedLog | undefined;
  private readonly policy: OutcomePolicy;
  /** Decided once: undefined when nobody listens, and then no clock is read either. */
  readonly emit: PipelineListener | undefined;
  /** False when every listener wants requests only: an event then reads no clock and builds no event. */
  private readonly emitEvents: boolean;

  constructor(private readonly p: RunnerParts) {
    this.fast = !p.args.async && p.guards.length === 0 && p.interceptors === undefined;
    this.policy = p.policy;
    this.emit = p.emit;
    this.emitEvents = p.emit !== undefined && p.emit.requestsOnly !== true;
    this.concurrency = p.concurrency;
    this.maxWaiting = p.backlog.maxMessages;
    this.maxBytes = p.backlog.maxBytes;
    const limits = `${p.backlog.maxMessages} messages or ${p.backlog.maxBytes} bytes waiting`;
    this.refusal = { reason: 'overloaded', code: 503, message: `${p.def.name} is overloaded (${limits}); retry later or on another instance` };
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
   * Queued messages are refused by the policy with `reason` (core NATS answers requests 503 and
   * drops events, counted in `shed`); the caller logs the returned counts in one line. A handler
   * still running finishes, but an answer it sends once the connection is closed is dropped.
   */
  abandon(reason: string): AbandonedWork {
    this.concurrency = 0;
    this.maxWaiting = 0;
    this.refusal = { reason: 'shutting-down', code: 503, message: reason };
    this.shedLog?.stop();
    this.shedLog = undefined;
    const stats = this.p.stats;
    const cut = this.waiting.slice(this.head);
    this.waiting.length = 0;
    this.head = 0;
    stats.waiting = 0;
    stats.waitingBytes = 0;
    let requests = 0;
    for (const msg of cut) if (this.shed(msg)) requests++;
    this.policy.abandoned?.();
    this.checkIdle();
    return { handler: this.p.def.name, requests, events: cut.length - requests };
  }

  /** A message that will not run: the policy tells the sender (counted as refused) or drops it (counted as shed). */
  private shed(msg: InboundMessage): boolean {
    if (this.policy.refuse(msg, this.refusal)) {
      this.p.stats.refused++;
      return true;
    }
    this.p.stats.shed++;
    return false;
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
    const ctx = this.p.context ? this.p.context(msg, this.p.def, this.p.service) : new MessageContext(msg, this.p.def, this.p.service);
    return this.p.scope ? this.p.scope(ctx, () => this.process(ctx)) : this.process(ctx);
  }

  /** The fast path: no extensions, no DTO. Stays synchronous (no promise) for a synchronous handler. */
  private process(ctx: MessageContext): Promise<void> | undefined {
    const p = this.p;
    p.stats.received++;
    // -1: this message is not followed (nobody listens, or listeners want requests only)
    let t0 = -1;
    if (this.emit !== undefined && (this.emitEvents || ctx.reply !== undefined)) {
      t0 = performance.now();
      this.emit({ type: 'received', ctx, handler: p.def.name, subject: ctx.subject, request: ctx.reply !== undefined });
    }
    if (p.middleware !== undefined || !this.fast) return this.processFull(ctx, t0);
    let result: unknown;
    try {
      ctx.payload = this.decode(ctx);
      // most handlers take one argument (the payload): called directly, without an array and a spread per message
      const resolvers = p.args.resolvers;
      result = resolvers.length === 1 ? p.invoke(resolvers[0]!(ctx)) : p.invoke(...resolvers.map((fn) => fn(ctx)));
      if (isThenable(result)) return this.settle(ctx, result, t0);
    } catch (err) {
      return this.fail(ctx, err, t0);
    }
    return this.finish(ctx, result, t0);
  }

  private async processFull(ctx: MessageContext, t0: number): Promise<void> {
    const p = this.p;
    let result: unknown;
    try {
      ctx.payload = this.decode(ctx);
      result = p.middleware ? await p.middleware(ctx, () => this.core(ctx)) : await this.core(ctx);
    } catch (err) {
      return this.fail(ctx, err, t0);
    }
    return this.finish(ctx, result, t0);
  }

  private async settle(ctx: MessageContext, pending: PromiseLike<unknown>, t0: number): Promise<void> {
    let result: unknown;
    try {
      result = await pending;
    } catch (err) {
      return this.fail(ctx, err, t0);
    }
    return this.finish(ctx, result, t0);
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

  /** Hands a result to the policy; a result it cannot deliver (413, not encodable) fails like a handler error. */
  private finish(ctx: MessageContext, result: unknown, t0: number): Promise<void> | undefined {
    const settled = this.policy.settle(ctx, { ok: true, result });
    if (isThenable(settled)) return settled.then((s) => this.finished(ctx, s, t0));
    return this.finished(ctx, settled, t0);
  }

  private finished(ctx: MessageContext, settled: Settlement, t0: number): Promise<void> | undefined {
    if (typeof settled === 'object') return this.fail(ctx, settled.failed, t0);
    this.p.stats.handled++;
    const emit = this.emit;
    if (emit !== undefined && t0 >= 0) {
      // plain literals, no spread of a shared base: on Node 20 an object spread costs about 1 µs
      const handler = this.p.def.name;
      const subject = ctx.subject;
      const request = ctx.reply !== undefined;
      const durationMs = performance.now() - t0;
      emit({ type: 'handled', ctx, handler, subject, request, durationMs });
      if (settled === 'answered') emit({ type: 'replied', ctx, handler, subject, request, durationMs, code: 200 });
    }
    return undefined;
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

  private async fail(ctx: MessageContext, err: unknown, t0: number): Promise<void> {
    const p = this.p;
    p.stats.failed++;
    const given = await runFilters(p.filters, err, ctx, p.log, p.def.name);
    const outcome: Outcome = given === null
      ? { ok: false, code: wireErrorCode(toErrorBody(err).error.code).code, body: null, error: err }
      : this.failure(this.checked(given ?? toErrorBody(err).error, ctx), err);
    const settled = await this.policy.settle(ctx, outcome);
    const emit = this.emit;
    if (emit !== undefined && t0 >= 0 && !outcome.ok) {
      const handler = p.def.name;
      const subject = ctx.subject;
      const request = ctx.reply !== undefined;
      const code = outcome.code;
      const durationMs = performance.now() - t0;
      emit({ type: 'failed', ctx, handler, subject, request, code, durationMs, error: err });
      if (settled === 'answered') emit({ type: 'replied', ctx, handler, subject, request, code, durationMs });
    }
  }

  private failure(body: { code: number; message: string; details?: unknown }, error: unknown): Outcome {
    return { ok: false, code: body.code, body, error };
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
}
