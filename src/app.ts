import type { Container } from 'inversify';
import { tokenName, type Token, type Type } from './metadata/types.js';
import { ContainerError } from './container/container.errors.js';
import type { HandlerDefinition } from './scanner/handler-definition.js';
import { isSingleton, type BuiltContainer } from './container/container-builder.js';
import { callHook, type LifecycleHook } from './container/lifecycle.js';
import type { NatsClient } from './client/nats-client.js';
import type { Logger } from './logging/logger.js';
import { endAppLogger } from './logging/app-logger.js';
import type { AppStatus } from './app-status.js';
import type { DiscoveryService } from './discovery.js';
import type { ResolvedOptions } from './app-options.js';
import { unservedControllerError } from './served-controllers.js';
import { APP_COMPONENTS, type ExposedByComponents, type PlacedComponent } from './app-component.js';
import type { Transport, TransportEvent } from './transport/transport.js';
import { PermissionDeniedError } from './transport/transport.errors.js';
import { redactOptions } from './transport/connection-options.js';
import type { HandlerStats } from './pipeline/handler-stats.js';
import { fanOut, PIPELINE_LISTENERS, type PipelineListener } from './pipeline/pipeline-events.js';
import { toOutbound, type Instantiate } from './extensions/resolve-extensions.js';
import { GLOBAL_MIDDLEWARE } from './extensions/global-middleware.js';
import type { MessageSource } from './sources/message-source.js';
import type { SourceEvent } from './sources/source-event.js';
import { CORE_SOURCE, MESSAGE_SOURCES, type SourceFactory } from './sources/source-factory.js';
import { runnerFactory } from './sources/runner-factory.js';
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
  /** Skip the start-up check that every controller's component is imported (testing modules). */
  allowUnservedControllers?: boolean;
  /** Every runner's counters, shared with the container under `HANDLER_STATS`. */
  stats: HandlerStats[];
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * A created service. `start()` connects and subscribes; `close()` drains and shuts down.
 * The start-up and shutdown order of every part lives here and nowhere else.
 */
export class PaniniApplication {
  private readonly global = { middleware: [] as unknown[], guards: [] as unknown[], interceptors: [] as unknown[], filters: [] as unknown[] };
  private sources: MessageSource[] = [];
  private readonly pipelineListeners: PipelineListener[] = [];
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
   * @throws Error when the HTTP module is not imported.
   */
  get http(): ExposedByComponents extends { http: infer H } ? H : unknown {
    const http = this.placed().find((c) => c.exposes?.key === 'http')?.exposes?.value();
    if (http === undefined) throw new Error(`app.http needs the HTTP module: add HttpModule.forRoot({ port }) from '@panini/core/http' to the imports of the app module`);
    return http as ExposedByComponents extends { http: infer H } ? H : unknown;
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

  /**
   * Listens to every message's pipeline events (received, handled, failed, replied, with
   * durations): what stats, metrics and tracing read. Register before `start()`: whether a
   * runner emits at all is decided once, when it is built.
   * @throws Error when the app has started already.
   */
  onPipelineEvent(listener: PipelineListener): this {
    if (this.p.status.phase !== 'created') throw new Error('onPipelineEvent() must be called before start(): runners decide once, when they are built, whether anyone listens');
    this.pipelineListeners.push(listener);
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
  stats(): readonly HandlerStats[] { return this.p.stats; }

  async start(): Promise<void> {
    const { options, transport, status } = this.p;
    status.phase = 'starting';
    this.log.debug('connecting', redactOptions({ servers: options.servers, user: options.user, pass: options.pass, token: options.token, nkey: options.nkey }));
    try {
      const unserved = this.p.allowUnservedControllers ? undefined : unservedControllerError(this.p.built.controllers, this.placed());
      if (unserved) throw unserved;
      await transport.connect();
      await this.hook('onModuleInit');
      // the server answers a denied SUB with -ERR before the PONG of the flush: collected here
      const denied: TransportEvent[] = [];
      const stopListening = transport.onEvent((e) => { if (e.type === 'permission-denied' && e.operation === 'subscription') denied.push(e); });
      try {
        await this.startSources();
        // once start() resolves the server knows every subscription, so callers never see a false 'no responders'
        await transport.flush();
      } finally {
        stopListening();
      }
      if (denied.length) throw deniedError(denied);
      for (const c of this.placed('after-sources')) await c.start();
      await this.hook('onApplicationBootstrap');
      status.phase = 'running';
      for (const c of this.placed('last')) await c.start();
    } catch (err) {
      status.phase = 'stopped';
      // a failure after the HTTP server started must not leave it listening
      for (const c of this.placed('after-sources').reverse()) await c.stop(Date.now()).catch(() => undefined);
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
      for (const c of this.placed('last').reverse()) await bounded(c.name, c.stop(deadline));
      for (const c of this.placed('after-sources').reverse()) await bounded(c.name, c.stop(deadline));
      if (wasRunning) {
        await bounded('draining subscriptions', Promise.all(this.sources.map((s) => s.drain().catch(() => undefined))));
        await bounded('in-flight handlers', Promise.all(this.sources.map((s) => s.idle())));
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
    const reason = `${this.p.options.name} is shutting down; retry on another instance`;
    const cut = this.sources.flatMap((s) => s.abandon(reason)).filter((c) => c.requests + c.events > 0);
    if (cut.length === 0) return;
    const events = cut.reduce((n, c) => n + c.events, 0);
    const requests = cut.reduce((n, c) => n + c.requests, 0);
    const per = cut.map((c) => `${c.handler}: ${c.events} event(s), ${c.requests} request(s)`).join('; ');
    this.log.warn(`shutdown timeout of ${timeout} ms reached: ${events} queued event(s) dropped unhandled and ${requests} queued request(s) answered 503 (${per})`, { events, requests });
  }

  /** Every provider of a multi-provided token (a module may provide one value or an array), in provider order. */
  private all<T>(token: symbol): T[] {
    const c = this.p.built.container;
    return this.p.built.refs.filter((r) => r.token === token).flatMap((r) => c.get<T | T[]>(r.id));
  }

  /** The optional parts (HTTP server, scheduler...), in registration order; of one phase when given. */
  private placed(phase?: PlacedComponent['phase']): PlacedComponent[] {
    const list = this.all<PlacedComponent>(APP_COMPONENTS);
    return phase === undefined ? list : list.filter((c) => c.phase === phase);
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

  /**
   * Creates a source per registered factory (`MESSAGE_SOURCES`; the core registers the one of
   * `@Subject` handlers) and starts them in provider order. A handler whose kind no factory serves, or a
   * kind two factories serve, fails start-up, naming it.
   */
  private async startSources(): Promise<void> {
    const { options, built, instantiate, transport, status, logger, handlers } = this.p;
    const factories = this.all<SourceFactory>(MESSAGE_SOURCES);
    const kinds = new Set(factories.map((f) => f.kind));
    // two sources of one kind would each serve every handler of that kind: each message twice
    const twice = factories.find((f, i) => factories.findIndex((g) => g.kind === f.kind) !== i);
    if (twice) throw new Error(`two imported modules serve '${twice.kind}' handlers (a module's forRoot() imported twice?), so each message would be handled twice: import it once, in the root module, and put every declaration in that one call`);
    const orphan = handlers.find((h) => !kinds.has(h.source ?? CORE_SOURCE));
    if (orphan) throw new Error(`${orphan.name} is a '${orphan.source}' handler, but no imported module serves that kind: import the module that provides its source (a MESSAGE_SOURCES factory of kind '${orphan.source}')`);
    const emit = fanOut([...this.pipelineListeners, ...this.all<PipelineListener>(PIPELINE_LISTENERS)], this.log);
    // middleware of capability modules (tracing) wraps the app's own
    const global = { ...this.global, middleware: [...this.all<MiddlewareLike>(GLOBAL_MIDDLEWARE), ...this.global.middleware] };
    const runner = runnerFactory({ options, built, instantiate, logger, global, stats: this.p.stats, emit });
    for (const f of factories) {
      const mine = handlers.filter((h) => (h.source ?? CORE_SOURCE) === f.kind);
      const source = f.create({ handlers: mine, transport, logger, options, status, runner });
      source.onEvent?.((e) => this.onSourceEvent(e));
      this.sources.push(source);
      await source.start();
    }
  }

  private onSourceEvent(e: SourceEvent): void {
    const who = `${e.kind} source${e.handler ? ` of ${e.handler}` : ''}`;
    if (e.type === 'heartbeats-missed') this.log.warn(`${who} missed ${e.count} heartbeat(s); the server or the route to it may be gone`, { handler: e.handler });
    else if (e.type === 'consumer-deleted') this.log.error(`${who}: consumer '${e.consumer}' was deleted on the server`, { handler: e.handler });
    else if (e.type === 'subscription-denied') this.log.error(`${who}: the server refused the subscription to '${e.subject}'`, { handler: e.handler, subject: e.subject, error: e.error });
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
