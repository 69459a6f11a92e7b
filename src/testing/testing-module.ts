import { PaniniFactory } from '../factory.js';
import type { PaniniApplication } from '../app.js';
import type { PaniniOptions } from '../app-options.js';
import { ContainerError } from '../container/container.errors.js';
import { Logger } from '../logging/logger.js';
import { tokenName, type DynamicModule, type FactoryProvider, type ModuleMetadata, type Provider, type Token, type Type } from '../metadata/types.js';
import type { ProviderDef } from '../scanner/module-graph.js';
import { normaliseProvider } from '../scanner/module-scanner.js';
import type { ConnectionOptions } from '../transport/connection-options.js';
import { NatsTransport } from '../transport/nats.transport.js';
import type { Transport } from '../transport/transport.js';
import { MemoryLogger } from './memory.logger.js';
import { MemoryTransport } from './memory.transport.js';
import { MemoryBroker } from './memory-broker.js';
import { RecordingTransport } from './recording.transport.js';
import { TestingApp } from './testing-app.js';
import { TestingError } from './testing.errors.js';

/** What `Test.createTestingModule` takes: a module's contents, as in `@Module`. */
export interface TestingModuleMetadata {
  imports?: ModuleMetadata['imports'];
  controllers?: Type[];
  providers?: Provider[];
}

/** Options a testing app is created with; the transport and logger have their own methods. */
export type TestingOptions = Omit<PaniniOptions, 'transport' | 'logging'>;

/** The second half of `overrideProvider(token)`: what to put in its place. */
export interface OverrideBy {
  /** A ready object (a mock); it is used as it is, never constructed. */
  useValue(value: unknown): TestingModuleBuilder;
  /** Another class, built with injection like the original. */
  useClass(cls: Type): TestingModuleBuilder;
  /** A factory called with the listed tokens resolved. */
  useFactory(options: { factory: (...deps: never[]) => unknown; inject?: FactoryProvider['inject'] }): TestingModuleBuilder;
}

export interface OverrideModuleBy {
  /** Imports this module (a class or a `forRoot()` result) wherever the original was imported. */
  useModule(replacement: Type | DynamicModule): TestingModuleBuilder;
}

/** The root module of a test; its name shows in wiring errors. */
class TestingModule {}

const isTransport = (t: unknown): t is Transport =>
  typeof t === 'object' && t !== null && typeof (t as Transport).publish === 'function' && typeof (t as Transport).connect === 'function';

/**
 * Builds a testing app: the modules, controllers and providers you list, with any provider or
 * module swapped, started on the in-memory broker with a silent logger.
 * @example
 * const app = await Test.createTestingModule({ imports: [UsersModule] })
 *   .overrideProvider(UsersService).useValue({ create: mock.fn() })
 *   .compile();
 */
export class TestingModuleBuilder {
  private readonly overrides = new Map<Token, ProviderDef>();
  private readonly modules = new Map<Type, Type | DynamicModule>();
  private target: Transport | ConnectionOptions | undefined;
  private options: TestingOptions = {};
  private logger: Logger | undefined;

  constructor(private readonly metadata: TestingModuleMetadata) {}

  /** Replaces what any module of the test declares for `token` (a class, string or symbol). */
  overrideProvider(token: Token): OverrideBy {
    const set = (provider: Provider): TestingModuleBuilder => {
      this.overrides.set(token, normaliseProvider(provider, 'overrideProvider'));
      return this;
    };
    return {
      useValue: (value) => set({ provide: token, useValue: value }),
      useClass: (cls) => set({ provide: token, useClass: cls }),
      useFactory: ({ factory, inject }) => set({ provide: token, useFactory: factory, inject }),
    };
  }

  /** Swaps a module wherever it is imported, for example a database module for an in-memory one. */
  overrideModule(module: Type): OverrideModuleBy {
    return {
      useModule: (replacement) => {
        this.modules.set(module, replacement);
        return this;
      },
    };
  }

  /**
   * Runs the app on another transport: connection options (`{ servers }`) for a real NATS
   * server, or a ready `Transport` (a `MemoryTransport` sharing a broker with other apps).
   */
  useTransport(target: Transport | ConnectionOptions): this {
    this.target = target;
    return this;
  }

  /** App options (name, validation, requestTimeout, scheduler, ...), merged over the kit's defaults. */
  withOptions(options: TestingOptions): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  /** Logs to this logger instead of the kit's silent `MemoryLogger` (then `app.logs` is undefined). */
  useLogger(logger: Logger): this {
    this.logger = logger;
    return this;
  }

  /** Creates and starts the app. Close it with `app.close()` when the test ends. */
  async compile(): Promise<TestingApp> {
    const name = this.options.name ?? 'test';
    const logs = this.logger ? undefined : new MemoryLogger();
    // the private broker's JetStream keeps the app's time: a ManualClock drives ack waits and nak delays too
    const clock = this.options.scheduler?.clock;
    const inner = isTransport(this.target) ? this.target : this.target ? new NatsTransport(name, this.target) : new MemoryTransport({ broker: new MemoryBroker({ clock }) });
    const recording = new RecordingTransport(inner);
    const options: PaniniOptions = {
      handleSignals: false,
      ...this.options,
      name,
      transport: recording,
      logging: this.logger ?? logs,
      // tasks run only when a test triggers them, unless the test asks otherwise
      scheduler: { autoStart: false, ...this.options.scheduler },
    };
    const swapped = new Set<Type>();
    const replaceModule = (m: Type | DynamicModule): Type | DynamicModule | undefined => {
      const cls = typeof m === 'function' ? m : m.module;
      const replacement = this.modules.get(cls);
      if (replacement) swapped.add(cls);
      return replacement;
    };
    const root: DynamicModule = { module: TestingModule, ...this.metadata };
    try {
      // a testing module may test the NATS side of a feature module without importing HttpModule
      const app = await PaniniFactory.create(root, options, { overrides: this.overrides, replaceModule, allowUnservedControllers: true });
      this.checkUsed(app, swapped);
      // handler parameters are compiled here, so metadata problems of handlers show up now
      await app.start();
      // the server has registered every subscription: other connections can reach the app now
      await recording.flush().catch(async (err: unknown) => { await app.close(); throw err; });
      return new TestingApp(app, recording, logs);
    } catch (err) {
      throw withTestingHint(err);
    }
  }

  /** An override that matches nothing is almost always a typo or a missing import: say so. */
  private checkUsed(app: PaniniApplication, swapped: Set<Type>): void {
    for (const token of this.overrides.keys()) {
      if (app.container.isBound(token as symbol)) continue;
      if (token === Logger) {
        throw new TestingError('unknown-override', 'overrideProvider(Logger): Panini builds a logger per class, so there is no single provider to replace. Use .useLogger(logger) to log elsewhere, or read the lines the app logged in app.logs');
      }
      throw new TestingError('unknown-override', `overrideProvider(${tokenName(token)}): no module of the test declares ${tokenName(token)}, so there is nothing to replace. Import the module that provides it, or list it in createTestingModule({ providers: [...] })`);
    }
    for (const module of this.modules.keys()) {
      if (!swapped.has(module)) {
        throw new TestingError('unknown-override', `overrideModule(${tokenName(module)}): no module of the test imports ${tokenName(module)}, so there is nothing to replace`);
      }
    }
  }
}

function withTestingHint(err: unknown): unknown {
  if (ContainerError.is(err) && err.kind === 'no-metadata') {
    return new ContainerError(
      'no-metadata',
      `${err.message} Under Vitest, add the SWC plugin (unplugin-swc) to vitest.config.ts; under Jest, use ts-jest or @swc/jest with decoratorMetadata (see "Testing" in the README).`,
      { cause: err },
    );
  }
  return err;
}

/**
 * Entry point of the testing kit.
 * @example
 * const app = await Test.createTestingModule({ controllers: [PingController] }).compile();
 */
export class Test {
  static createTestingModule(metadata: TestingModuleMetadata = {}): TestingModuleBuilder {
    return new TestingModuleBuilder(metadata);
  }
}
