import type { Container } from 'inversify';
import { contextProvider } from './scoped-context.js';
import { MessageContext } from './pipeline/message-context.js';
import { Module, Global } from './metadata/module.decorator.js';
import { controllerMetadata } from './metadata/controller.decorator.js';
import { subjectMethods } from './metadata/subject.decorator.js';
import { ContainerError } from './container/container.errors.js';
import type { DynamicModule, Token, Type } from './metadata/types.js';
import { scanModules, type ModuleReplacer } from './scanner/module-scanner.js';
import { scanHandlers } from './scanner/handler-scanner.js';
import { buildContainer, isSingleton, type BuildOptions, type BuiltContainer } from './container/container-builder.js';
import { classDeps } from './container/class-deps.js';
import type { ProviderDef } from './scanner/module-graph.js';
import { NatsTransport } from './transport/nats.transport.js';
import { NatsClient } from './client/nats-client.js';
import { Logger } from './logging/logger.js';
import { createAppLogger } from './logging/app-logger.js';
import { loggerFor, loggerProviders } from './logging/inject-logger.decorator.js';
import { DiscoveryService } from './discovery.js';
import { AppStatus } from './app-status.js';
import { APP_OPTIONS, type PaniniOptions, type ResolvedOptions } from './app-options.js';
import { DEFAULT_VALIDATION } from './pipeline/validation.js';
import { checkBacklog } from './pipeline/backlog-options.js';
import { HANDLER_STATS, type HandlerStats } from './pipeline/handler-stats.js';
import { PaniniApplication } from './app.js';
import { APP_COMPONENTS, type PlacedComponent } from './app-component.js';
import { Scheduler } from './scheduler/scheduler.js';
import { hasScheduledWork } from './scheduler/task-scanner.js';
import { MESSAGE_SOURCES } from './sources/source-factory.js';
import { subjectSourceFactory } from './sources/subject.source.js';
import type { Transport } from './transport/transport.js';
import { checkSharedPeers } from './peer-check.js';
import { PIPELINE_LISTENERS } from './pipeline/pipeline-events.js';
import { resolveMicro } from './micro/micro-options.js';
import { MicroService } from './micro/micro.service.js';

/** The transport the app runs on; inject with `@Inject(TRANSPORT)`. */
export const TRANSPORT = Symbol('panini:transport');

export interface CreateHooks {
  /** Replace providers before the container is built (the testing module's overrides). */
  overrides?: Map<Token, ProviderDef>;
  /** Swap modules wherever they are imported (the testing module's `overrideModule`). */
  replaceModule?: ModuleReplacer;
  /**
   * Start even when a controller's component (`@HttpController` without HttpModule) is missing:
   * a testing module tests the NATS side of a feature module without its HTTP server.
   */
  allowUnservedControllers?: boolean;
}

function resolveOptions(o: PaniniOptions): ResolvedOptions {
  checkBacklog('PaniniOptions', o.backlog);
  return {
    ...o,
    name: o.name ?? process.env['PANINI_SERVICE_NAME'] ?? 'panini',
    requestTimeout: o.requestTimeout ?? 5000,
    shutdownTimeout: o.shutdownTimeout ?? 10_000,
    concurrency: o.concurrency ?? 64,
    validation: { ...DEFAULT_VALIDATION, ...o.validation },
  };
}

/**
 * Creates applications from a root module.
 * @example
 * const app = await PaniniFactory.create(AppModule, { name: 'orders' });
 * await app.start();
 */
export class PaniniFactory {
  static async create(root: Type | DynamicModule, options: PaniniOptions = {}, hooks: CreateHooks = {}): Promise<PaniniApplication> {
    checkSharedPeers();
    const opts = resolveOptions(options);
    // checked before anything is made, so a name $SRV cannot announce fails create() cleanly
    const microOptions = opts.micro === false ? undefined : resolveMicro(opts.name, opts.micro);
    const logger = createAppLogger(opts.name, opts.logging);
    const transport: Transport = opts.transport ?? new NatsTransport(opts.name, opts);
    const micro = microOptions && new MicroService(microOptions, transport, logger.child('MicroService'));
    // listed once the handlers subscribed (an instance is shown only when it can serve), gone before they drain
    const microParts = micro ? [
      { provide: APP_COMPONENTS, useValue: { name: '$SRV responder', phase: 'after-sources', start: () => micro.start(), stop: () => micro.stop() } satisfies PlacedComponent },
      { provide: PIPELINE_LISTENERS, useValue: micro.stats.listener },
    ] : [];
    const client = new NatsClient(transport, logger.child('NatsClient'), { requestTimeout: opts.requestTimeout, validation: opts.validation });
    const status = new AppStatus(transport);
    const discovery = new DiscoveryService();
    const stats: HandlerStats[] = [];
    // created only for scheduled work, or when somebody injects it: croner is loaded by neither otherwise
    let scheduler: Scheduler | undefined;
    let discovered = false;
    const getScheduler = (): Scheduler => {
      if (scheduler === undefined) {
        scheduler = new Scheduler({ ...opts.scheduler, discovery, logger, service: opts.name });
        if (discovered) scheduler.load();
      }
      return scheduler;
    };
    const schedulerComponent: PlacedComponent = {
      name: 'scheduler',
      phase: 'last',
      start: async () => scheduler?.lifecycle.start(),
      stop: async (deadline) => scheduler?.lifecycle.stop(deadline),
    };

    @Global()
    @Module({
      providers: [
        { provide: APP_OPTIONS, useValue: opts },
        { provide: TRANSPORT, useValue: transport },
        { provide: NatsClient, useValue: client },
        { provide: AppStatus, useValue: status },
        { provide: DiscoveryService, useValue: discovery },
        { provide: HANDLER_STATS, useValue: stats },
        // transient around one lazily made instance: resolving singletons at create must not make it
        { provide: Scheduler, useFactory: getScheduler, scope: 'transient' },
        { provide: APP_COMPONENTS, useValue: schedulerComponent },
        { provide: MESSAGE_SOURCES, useValue: subjectSourceFactory },
        contextProvider(MessageContext, 'NATS handler'),
        ...microParts,
      ],
      exports: [APP_OPTIONS, TRANSPORT, NatsClient, AppStatus, DiscoveryService, Scheduler, HANDLER_STATS, MessageContext],
    })
    class PaniniCoreModule {}

    const modules = await scanModules(root, [PaniniCoreModule], hooks.replaceModule);
    const build: BuildOptions = {
      overrides: hooks.overrides,
      contextual: loggerProviders(logger),
    };
    const built = buildContainer(modules, build);
    const handlers = scanHandlers(built.controllers.filter((c) => isNatsController(c.cls)).map((c) => c.cls));
    // a nonsense limit fails create(), before anything connects
    for (const h of handlers) checkBacklog(`${h.name}: @Subject option`, h.options.backlog);
    micro?.setHandlers(handlers);
    await resolveSingletons(built);
    discovery.setInstances(
      built.refs.filter((r) => isSingleton(r) || (r.isController && r.messageScoped)).map((r) => ({
        token: r.token,
        cls: r.def.kind === 'class' ? r.def.useClass : undefined,
        instance: r.messageScoped ? undefined : built.container.get(r.id),
        module: r.module.name,
        isController: r.isController,
        ...(r.messageScoped ? { perMessage: (context: object) => built.resolveIn(r.id, context) } : {}),
      })),
    );
    discovered = true;
    // validates every schedule now, so a bad one fails create() before anything runs
    if (hasScheduledWork(discovery.all())) getScheduler();
    scheduler?.load();
    return new PaniniApplication({ options: opts, built, handlers, transport, client, logger, status, discovery, stats, instantiate: (cls) => instantiate(built.container, cls, logger), allowUnservedControllers: hooks.allowUnservedControllers === true });
  }
}

/** NATS controllers; a class with `@Subject` methods but no `@Controller` is a mistake worth failing on. */
function isNatsController(cls: Type): boolean {
  if (controllerMetadata(cls) !== undefined) return true;
  if (subjectMethods(cls).length > 0) {
    throw new ContainerError('invalid-module', `${cls.name} is listed in controllers but is not decorated with @Controller(): add @Controller() so its @Subject handlers are served`);
  }
  return false;
}

async function resolveSingletons(built: BuiltContainer): Promise<void> {
  for (const ref of built.refs) if (isSingleton(ref)) await built.container.getAsync(ref.id);
}

/** Builds a class that is not a provider (an extension class) with providers from the container. */
function instantiate(container: Container, cls: Type, logger: Logger): unknown {
  if (container.isBound(cls)) return container.get(cls);
  const args = classDeps(cls).map((d) => {
    const log = loggerFor(logger, d.token, cls.name);
    if (log) return log;
    return container.get(d.token as symbol, d.optional ? { optional: true } : undefined);
  });
  return new cls(...args);
}
