import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { Inject, Injectable } from '../metadata/injectable.decorator.js';
import type { Type } from '../metadata/types.js';
import { APP_OPTIONS, type ResolvedOptions } from '../app-options.js';
import type { AppComponent } from '../app-component.js';
import { AppStatus } from '../app-status.js';
import { DiscoveryService, type DiscoveredInstance } from '../discovery.js';
import { perMessage } from '../container/per-message.js';
import { Logger } from '../logging/logger.js';
import { ContainerError } from '../errors/container.error.js';
import { logScope } from '../logging/log-scope.js';
import { compose } from '../extensions/compose.js';
import { toFilter, toGuard, toInterceptor } from '../extensions/resolve-extensions.js';
import type { ExceptionFilterFn, GuardFn, InterceptorFn } from '../extensions/extension.types.js';
import { ExtensionFactory } from './extension-factory.js';
import { compileHttpArgs, type CompiledHttpArgs } from './http-args.js';
import type { HttpContext } from './http-context.js';
import { httpErrorReply, sendError } from './http-errors.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_PORT, HTTP_OPTIONS, type HttpModuleOptions } from './http-options.js';
import type { HttpRouteDefinition } from './http-route.js';
import { isHttpController, scanHttpRoutes } from './http-route-scanner.js';
import { addHealthRoutes } from './health.routes.js';
import { addAsyncApiRoute } from './asyncapi.route.js';
import { assignRequestId, runInLogScope } from './request-context.js';
import { routeHandler } from './route-runner.js';
import { routePatternError } from './route-pattern.error.js';
import { methodNotAllowedRouter } from './method-not-allowed.js';
import { readsBody } from './json-body.js';

/** Runs Express's own check of an option, failing with the option named instead of a bare TypeError. */
function optionCheck<T>(option: string, expected: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new ContainerError('invalid-module', `HttpModule.forRoot({ ${option} }): ${(err as Error).message}; expected ${expected}`, { cause: err });
  }
}

/**
 * The HTTP side of a service: an Express 5 application on a Node HTTP server, sharing the app's
 * container. Started by the app once NATS subscriptions are active; stopped right after
 * readiness turns 503, before NATS drains, so in-flight requests can still use NATS.
 * Inject it to read the bound address: `app.get(HttpServer).url`.
 */
@Injectable()
export class HttpServer implements AppComponent {
  /** The Express application (also `app.http`): add plain routes and middleware here. */
  readonly app: Express;
  private server: Server | undefined;
  private routeDefs: HttpRouteDefinition[] = [];
  /** Answers 405 for a known path asked with another method; consulted before the 404. */
  private notAllowed: ((req: Request, res: Response, next: (err?: unknown) => void) => void) | undefined;
  /** Responses not finished yet, told to close their connection once shutdown starts. */
  private readonly open = new Set<ServerResponse>();
  private stopping = false;
  private readonly extensions: ExtensionFactory;

  constructor(
    @Inject(HTTP_OPTIONS) private readonly options: HttpModuleOptions,
    @Inject(APP_OPTIONS) private readonly appOptions: ResolvedOptions,
    status: AppStatus,
    private readonly discovery: DiscoveryService,
    private readonly log: Logger,
  ) {
    this.extensions = new ExtensionFactory(discovery, log);
    const app = express();
    app.disable('x-powered-by');
    const trust = options.trustProxy;
    if (trust !== undefined) optionCheck(`trustProxy: ${JSON.stringify(trust)}`, "true, a hop count, or addresses such as 'loopback, 10.0.0.0/8'", () => app.set('trust proxy', trust));
    app.use(this.track, assignRequestId);
    const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    app.use(optionCheck(`bodyLimit: ${JSON.stringify(limit)}`, "a number of bytes or a size such as '1mb'", () => express.json({ limit })));
    if (this.logContext) app.use(runInLogScope(appOptions.name));
    // probes come before any middleware the user adds, so authentication never blocks them
    addHealthRoutes(app, status, options.health);
    if (options.asyncapi !== undefined) addAsyncApiRoute(app, options.asyncapi, appOptions, discovery, log);
    this.app = app;
  }

  /** Every controller route, as plain data (after `start()`). */
  get routes(): readonly HttpRouteDefinition[] { return this.routeDefs; }

  /** The bound address, once listening. */
  address(): AddressInfo | undefined {
    const a = this.server?.address();
    return a !== null && typeof a === 'object' ? a : undefined;
  }

  /** `0.0.0.0:8080`, `[::]:8080`, `127.0.0.1:41234`: the address and port actually bound (port 0 resolved). */
  private boundAddress(): string {
    const a = this.address()!;
    return `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  }

  /** `http://host:port` of the listening server (loopback when bound to every interface). */
  get url(): string {
    const a = this.address();
    if (!a) throw new Error('the HTTP server is not listening: call app.start() first');
    const host = a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const controllers = this.discovery.controllers().filter((c) => isHttpController(c.cls));
    this.routeDefs = scanHttpRoutes(controllers.map((c) => c.cls as Type));
    const router = express.Router();
    for (const route of this.routeDefs) {
      const handler = this.handlerFor(route, controllers.find((c) => c.cls === route.controller)!);
      try {
        router[route.httpMethod](route.path, handler);
      } catch (err) {
        throw routePatternError(route, err);
      }
    }
    this.app.use(router);
    this.notAllowed = methodNotAllowedRouter(this.routeDefs);
    const server = createServer((req, res) => this.app(req as Request, res as Response, (err?: unknown) => this.fallback(err, req as Request, res as Response)));
    const port = this.options.port ?? (Number(process.env['PORT']) || DEFAULT_PORT);
    const host = this.options.host ?? '0.0.0.0';
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => reject(new Error(`cannot listen for HTTP on ${host}:${port}: ${err.message}`, { cause: err })));
      server.listen(port, host, () => resolve());
    });
    server.on('error', (err) => this.log.error('HTTP server error', err));
    this.server = server;
    this.log.info(`HTTP listening on ${this.boundAddress()} (${this.url}): ${this.routeDefs.length} route(s)`);
  }

  /**
   * Stops accepting connections, lets requests in flight finish until `deadline`, then cuts
   * whatever is left. Readiness is already 503 when this runs.
   */
  async stop(deadline: number): Promise<void> {
    const server = this.server;
    if (!server || this.stopping) return;
    this.stopping = true;
    const delay = Math.min(this.options.shutdownDelay ?? 0, deadline - Date.now());
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    for (const res of this.open) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now())); });
    const timedOut = await Promise.race([closed.then(() => false), late]);
    clearTimeout(timer);
    if (timedOut) {
      if (this.open.size) this.log.warn(`${this.open.size} HTTP request(s) still in flight at the shutdown deadline; closing their connections`);
      server.closeAllConnections();
      await closed;
    }
    this.server = undefined;
    this.log.info('HTTP server stopped');
  }

  private get logContext(): boolean {
    return (this.appOptions.logging as { context?: boolean } | undefined)?.context !== false;
  }

  /** Counts open responses; during shutdown, asks clients to close their connection. */
  private readonly track = (_req: Request, res: Response, next: NextFunction): void => {
    this.open.add(res);
    res.once('close', () => {
      this.open.delete(res);
      if (this.stopping) this.server?.closeIdleConnections();
    });
    if (this.stopping) res.setHeader('connection', 'close');
    next();
  };

  private handlerFor(route: HttpRouteDefinition, controller: DiscoveredInstance) {
    const o = this.options;
    const make = this.extensions.make;
    const ext = route.extensions;
    // the shared resolvers type functions for MessageContext; on this side they get an HttpContext
    const guards = [...(o.guards ?? []), ...ext.guards].map((g) => toGuard(g, make) as unknown as GuardFn<HttpContext>);
    const interceptors = [...(o.interceptors ?? []), ...ext.interceptors].map((i) => toInterceptor(i, make) as unknown as InterceptorFn<HttpContext>);
    // method-level filters first, then controller, then the module's (the most specific wins)
    const filters = [...ext.filters].reverse().concat([...(o.filters ?? [])].reverse())
      .map((f) => toFilter(f, make) as unknown as ExceptionFilterFn<HttpContext>);
    return routeHandler({
      route,
      service: this.appOptions.name,
      log: this.log.child(route.controller.name),
      ...invocation(route, controller, compileHttpArgs(route, this.appOptions.validation)),
      readsBody: readsBody(route, (route.controller.prototype as Record<string, Method>)[route.method]!.length),
      guards,
      interceptors: compose(interceptors),
      filters,
      scope: this.logContext ? (ctx: HttpContext, fn) => logScope.run(ctx, fn) : undefined,
    });
  }

  /** Where a request ends when no route answered it, or something before the routes failed. */
  private fallback(err: unknown, req: Request, res: Response): void {
    if (res.headersSent) {
      if (err !== undefined) {
        this.log.error(`${req.method} ${req.path} failed after answering`, err as Error);
        res.destroy();
      }
      return;
    }
    if (err === undefined) {
      const notFound = (): void => sendError(res, { code: 404, message: `no route for ${req.method} ${req.path}` });
      if (this.notAllowed && req.method !== 'OPTIONS') this.notAllowed(req, res, (e?: unknown) => (e === undefined ? notFound() : this.fallback(e, req, res)));
      else notFound();
      return;
    }
    const reply = httpErrorReply(err);
    if (reply.code >= 500) this.log.error(`${req.method} ${req.path} failed`, err as Error);
    else this.log.debug(`${req.method} ${req.path} answered ${reply.code}: ${reply.message}`);
    sendError(res, reply);
  }
}

type Method = (...a: unknown[]) => unknown;

/** The route's arguments and call: on the one controller, or (message-scoped) on the controller of each request. */
function invocation(route: HttpRouteDefinition, controller: DiscoveredInstance, args: CompiledHttpArgs): { args: CompiledHttpArgs; invoke: Method } {
  if (controller.perMessage !== undefined) return perMessage<HttpContext, CompiledHttpArgs>(args, route.method, controller.perMessage);
  const instance = controller.instance as Record<string, Method>;
  return { args, invoke: instance[route.method]!.bind(instance) };
}
