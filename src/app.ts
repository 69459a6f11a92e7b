import type { Container } from 'inversify';
import type { Express } from 'express';
import { tokenName, type Token, type Type } from './metadata/types.js';
import { ContainerError } from './container/container.errors.js';
import type { HandlerDefinition } from './scanner/handler-definition.js';
import { isSingleton, type BuiltContainer } from './container/container-builder.js';
import { callHook, type LifecycleHook } from './container/lifecycle.js';
import type { NatsClient } from './client/nats-client.js';
import type { Logger } from './logging/logger.js';
import { logScope } from './logging/log-scope.js';
import { endAppLogger } from './logging/app-logger.js';
import type { AppStatus } from './app-status.js';
import type { DiscoveryService } from './discovery.js';
import type { ResolvedOptions } from './app-options.js';
import { HTTP_COMPONENT, SCHEDULER_COMPONENT, type AppComponent } from './app-component.js';
import type { Transport, TransportEvent, TransportSubscription } from './transport/transport.js';
import { PermissionDeniedError } from './transport/transport.errors.js';
import { redactOptions } from './transport/connection-options.js';
import { HandlerRunner } from './pipeline/handler-runner.js';
import { describeConflict, planQueues } from './scanner/queue-groups.js';
import { compileArgs } from './pipeline/param-resolvers.js';
import { resolveCodec } from './pipeline/codec.js';
import type { HandlerStats } from './pipeline/handler-stats.js';
import { resolveBacklog } from './pipeline/backlog-options.js';
import { compose } from './extensions/compose.js';
import { toFilter, toGuard, toInterceptor, toMiddleware, toOutbound, type Instantiate } from './extensions/resolve-extensions.js';
import type { FilterLike, GuardLike, InterceptorLike, MiddlewareLike, OutboundLike } from './extensions/extension.types.js';

export interface AppParts {
  options: ResolvedOptions;
  built: BuiltContainer;
  handlers: HandlerDefinition[];
  transport: Transport;
  client: NatsClient;
  logger: Logger;
  status: AppStatus;
  discovery: DiscoveryService;
  instantiate: Instantiate;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * A created service. `start()` connects and subscribes; `close()` drains and shuts down.
 * The start-up and shutdown order of every part lives here and nowhere else.
 */
export class PaniniApplication {
  private readonly global = { middleware: [] as unknown[], guards: [] as unknown[], interceptors: [] as unknown[], filters: [] as unknown[] };
  private subscriptions: TransportSubscription[] = [];
  private runners: HandlerRunner[] = [];
  private readonly handlerStats: HandlerStats[] = [];
  private closing: Promise<void> | undefined;
  private signalHandler: ((signal: NodeJS.Signals) => void) | undefined;
  private readonly log: Logger;

  constructor(private readonly p: AppParts) {
    this.log = p.logger.child('PaniniApplication');
    p.transport.onEvent((e) => {
      if (e.type === 'disconnected') this.log.warn(`disconnected from NATS ${e.server ?? ''}; reconnecting`);
      else if (e.type === 'reconnected') this.log.info(`reconnected to NATS ${e.server ?? ''}`);
      else if (e.type === 'error') this.log.error('NATS error', e.error);
      else if (e.type === 'slow-consumer') this.log.warn(e.error?.message ?? 'slow consumer');
      else if (e.type === 'stalled') this.log.error('NATS connection stalled', e.error);
      else if (e.type === 'publishes-lost') this.log.warn(`${e.count} event(s) published while disconnected from NATS were never sent: the connection closed before it came back`);
      else if (e.type === 'permission-denied') this.onDenied(e);
    });
  }

  get name(): string { return this.p.options.name; }
  /** The Inversify container behind the app, for anything Panini does not wrap. */
  get container(): Container { return this.p.built.container; }
  get transport(): Transport { return this.p.transport; }
  get logger(): Logger { return this.p.logger; }
  /** Every `@Subject` handler, as plain data (what `panini info` prints). */
  get handlers(): readonly HandlerDefinition[] { return this.p.handlers; }
  get status(): AppStatus { return this.p.status; }
  get client(): NatsClient { return this.p.client; }
  /**
   * The Express application of `HttpModule.forRoot()` (from `@panini/core/http`), for plain
   * routes and middleware: `app.http.get('/get', (req, res) => res.json({ ok: true }))`.
   */
  get http(): Express {
    const http = this.component(HTTP_COMPONENT) as { readonly app?: Express } | undefined;
    if (!http?.app) throw new Error(`app.http needs the HTTP module: add HttpModule.forRoot({ port }) from '@panini/core/http' to the imports of the app module`);
    return http.app;
  }

  /**
   * Resolves a provider by token from the container.
   * @throws ContainerError (`ambiguous-token`) when several modules provide the token.
   */
  get<T>(token: Token<T> | Type<T>): T {
    const providers = this.p.built.ambiguous.get(token);
    if (providers !== undefined) throw ambiguousToken(token, providers);
    return this.p.built.container.get<T>(token as symbol);
  }

  /** Global inbound middleware, outermost first (runs before controller and handler middleware). */
  use(...items: MiddlewareLike[]): this { this.global.middleware.push(...items); return this; }
  useGuards(...items: GuardLike[]): this { this.global.guards.push(...items); return this; }
  useInterceptors(...items: InterceptorLike[]): this { this.global.interceptors.push(...items); return this; }
  useFilters(...items: FilterLike[]): this { this.global.filters.push(...items); return this; }
  /** Outbound middleware around `NatsClient.publish` and `request`. */
  useOutbound(...items: OutboundLike[]): this {
    for (const i of items) this.p.client.use(toOutbound(i, this.p.instantiate) as never);
    return this;
  }

  /** Logs a refused publish or subscription once; a handler's denied subscription is not active (readiness says so). */
  private onDenied(e: TransportEvent): void {
    const err = new PermissionDeniedError(e.operation ?? 'publish', e.subject ?? '?', e.queue, { cause: e.error });
    this.log.error(err.message, { operation: err.operation, subject: err.subject });
    const status = this.p.status;
    if (err.operation === 'subscription' && this.p.handlers.some((d) => d.subject === err.subject) && status.activeSubscriptions > 0) {
      status.activeSubscriptions--;
    }
  }

  /** Counters per handler. */
  stats(): readonly HandlerStats[] { return this.handlerStats; }

  async start(): Promise<void> {
    const { options, transport, status } = this.p;
    status.phase = 'starting';
    this.log.debug('connecting', redactOptions({ servers: options.servers, user: options.user, pass: options.pass, token: options.token, nkey: options.nkey }));
    try {
      await transport.connect();
      await this.hook('onModuleInit');
      // the server answers a denied SUB with -ERR before the PONG of the flush: collected here
      const denied: TransportEvent[] = [];
      const stopListening = transport.onEvent((e) => { if (e.type === 'permission-denied' && e.operation === 'subscription') denied.push(e); });
      try {
        this.subscribeAll();
        // once start() resolves the server knows every subscription, so callers never see a false 'no responders'
        await transport.flush();
      } finally {
        stopListening();
      }
      if (denied.length) throw deniedError(denied);
      await this.component(HTTP_COMPONENT)?.start();
      await this.hook('onApplicationBootstrap');
      status.phase = 'running';
      await this.component(SCHEDULER_COMPONENT)?.start();
    } catch (err) {
      status.phase = 'stopped';
      // a failure after the HTTP server started must not leave it listening
      await this.component(HTTP_COMPONENT)?.stop(Date.now()).catch(() => undefined);
      await transport.close().catch(() => undefined);
      throw err;
    }
    if (options.handleSignals !== false) this.enableShutdownHooks();
    this.log.info(`${options.name} started: ${this.p.handlers.length} handler(s) on ${transport.servers.join(', ')}`);
  }

  /**
   * Stops taking work, finishes what is in flight (bounded by `shutdownTimeout`), flushes what
   * was published, closes the connection and runs the shutdown hooks. Safe to call twice.
   */
  close(signal?: string): Promise<void> {
    this.closing ??= this.shutdown(signal);
    return this.closing;
  }

  /** Closes the app on SIGINT/SIGTERM, then lets the signal end the process. */
  enableShutdownHooks(): void {
    if (this.signalHandler) return;
    this.signalHandler = (signal) => {
      this.log.info(`received ${signal}; shutting down`);
      void this.close(signal).finally(() => {
        this.disableShutdownHooks();
        process.kill(process.pid, signal);
      });
    };
    for (const s of SIGNALS) process.once(s, this.signalHandler);
  }

  private disableShutdownHooks(): void {
    if (!this.signalHandler) return;
    for (const s of SIGNALS) process.removeListener(s, this.signalHandler);
    this.signalHandler = undefined;
  }

  private async shutdown(signal?: string): Promise<void> {
    const { status, transport, options } = this.p;
    const wasRunning = status.phase !== 'created';
    status.phase = 'stopping';
    const deadline = Date.now() + options.shutdownTimeout;
    const bounded = <T>(what: string, work: Promise<T>): Promise<T | void> => within(deadline, work, () => this.log.warn(`${what} did not finish within the shutdown timeout of ${options.shutdownTimeout} ms`));
    try {
      await bounded('scheduler', this.component(SCHEDULER_COMPONENT)?.stop(deadline) ?? Promise.resolve());
      await bounded('HTTP server', this.component(HTTP_COMPONENT)?.stop(deadline) ?? Promise.resolve());
      if (wasRunning) {
        await bounded('draining subscriptions', Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined))));
        await bounded('in-flight handlers', Promise.all(this.runners.map((r) => r.idle())));
        // from here on no queued handler starts, even when the hooks below take long
        this.abandonQueued(options.shutdownTimeout);
      }
      await this.hook('onModuleDestroy');
      await this.hook('beforeApplicationShutdown', signal);
      if (wasRunning) await bounded('draining the connection', transport.drain().catch((err: unknown) => this.log.warn('drain failed', err as Error)));
      if (transport.state !== 'closed') await transport.close();
      await this.hook('onApplicationShutdown', signal);
    } finally {
      status.phase = 'stopped';
      status.activeSubscriptions = 0;
      this.disableShutdownHooks();
      // last, so lines logged while shutting down are written too
      await endAppLogger(this.p.logger, options.logging);
    }
  }

  /** Cuts what still waits at the deadline: one summary line, not one per message. */
  private abandonQueued(timeout: number): void {
    const cut = this.runners.map((r) => r.abandon(`${this.p.options.name} is shutting down; retry on another instance`)).filter((c) => c.requests + c.events > 0);
    if (cut.length === 0) return;
    const events = cut.reduce((n, c) => n + c.events, 0);
    const requests = cut.reduce((n, c) => n + c.requests, 0);
    const per = cut.map((c) => `${c.handler}: ${c.events} event(s), ${c.requests} request(s)`).join('; ');
    this.log.warn(`shutdown timeout of ${timeout} ms reached: ${events} queued event(s) dropped unhandled and ${requests} queued request(s) answered 503 (${per})`, { events, requests });
  }

  private component(token: symbol): AppComponent | undefined {
    const c = this.p.built.container;
    return c.isBound(token) ? c.get<AppComponent>(token) : undefined;
  }

  private hook(name: LifecycleHook, signal?: string): Promise<void> {
    const c = this.p.built.container;
    const seen = new Set<unknown>();
    const list: unknown[] = [];
    for (const ref of this.p.built.refs) {
      if (!isSingleton(ref)) continue;
      const inst = c.get(ref.id);
      if (inst && typeof inst === 'object' && !seen.has(inst)) { seen.add(inst); list.push(inst); }
    }
    return callHook(list, name, signal);
  }

  private subscribeAll(): void {
    const { options, transport, status } = this.p;
    status.expectedSubscriptions = this.p.handlers.length;
    const plan = planQueues(this.p.handlers, options.name);
    for (const c of plan.conflicts) this.log.warn(describeConflict(c), { handlers: [c.a.name, c.b.name], subjects: [c.a.pattern, c.b.pattern] });
    for (const [i, def] of this.p.handlers.entries()) {
      const queueOpt = plan.queues[i]!;
      const queue = queueOpt === false ? undefined : queueOpt;
      const runner = this.buildRunner(def, queueOpt);
      this.runners.push(runner);
      this.subscriptions.push(transport.subscribe(def.subject, runner.onMessage, { queue }));
      status.activeSubscriptions++;
    }
  }

  private buildRunner(def: HandlerDefinition, queue: string | false): HandlerRunner {
    const { options, built, instantiate } = this.p;
    const controller = built.controllers.find((c) => c.cls === def.controller)!;
    const instance = built.container.get<Record<string, (...a: unknown[]) => unknown>>(controller.ref.id);
    const method = instance[def.method]!;
    const stats: HandlerStats = { subject: def.subject, handler: def.name, queue, received: 0, handled: 0, failed: 0, failedEvents: 0, inFlight: 0, waiting: 0, waitingBytes: 0, shed: 0, refused: 0 };
    this.handlerStats.push(stats);
    const concurrency = def.options.concurrency ?? options.concurrency;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`${def.name}: concurrency must be a whole number >= 1, got ${concurrency}`);
    const ext = def.extensions;
    const middleware = [...this.global.middleware, ...ext.middleware].map((m) => toMiddleware(m, instantiate));
    const interceptors = [...this.global.interceptors, ...ext.interceptors].map((m) => toInterceptor(m, instantiate));
    const validation = { ...options.validation, ...def.options.validation };
    const logContext = (options.logging as { context?: boolean } | undefined)?.context !== false;
    return new HandlerRunner({
      def,
      service: options.name,
      transport: this.p.transport,
      log: this.p.logger.child(def.controller.name),
      codec: resolveCodec(def.options.codec, validation.maxDepth),
      args: compileArgs(def, validation),
      invoke: method.bind(instance),
      concurrency,
      middleware: compose(middleware),
      guards: [...this.global.guards, ...ext.guards].map((g) => toGuard(g, instantiate)),
      interceptors: compose(interceptors),
      // handler-level filters first, then controller, then global (the most specific wins)
      filters: [...ext.filters].reverse().concat([...this.global.filters].reverse()).map((f) => toFilter(f, instantiate)),
      scope: logContext ? (ctx, fn) => logScope.run(ctx, fn) : undefined,
      stats,
      backlog: resolveBacklog(def.name, def.options.backlog, options.backlog),
    });
  }
}

function deniedError(denied: TransportEvent[]): PermissionDeniedError {
  const first = denied[0]!;
  const err = new PermissionDeniedError('subscription', first.subject ?? '?', first.queue, { cause: first.error });
  if (denied.length > 1) err.message += ` (and ${denied.length - 1} more: ${denied.slice(1).map((d) => `'${d.subject}'`).join(', ')})`;
  return err;
}

function ambiguousToken(token: unknown, modules: readonly string[]): ContainerError {
  return new ContainerError(
    'ambiguous-token',
    `${tokenName(token)} is provided by ${modules.length} modules (${modules.join(', ')}), so app.get() cannot tell which one you mean: ` +
      `import only one of them, or give each its own token`,
  );
}

async function within<T>(deadline: number, work: Promise<T>, onTimeout: () => void): Promise<T | void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => { onTimeout(); resolve(); }, Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
