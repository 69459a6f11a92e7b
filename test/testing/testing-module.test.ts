import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  ContainerError, Controller, Inject, Injectable, Interval, Module, NatsClient, Payload, SchedulerError, Subject,
  Logger, type DynamicModule,
} from '../../src/index.js';
import { MemoryLogger, MemoryTransport, Test, TestingError } from '../../src/testing/index.js';

const DB_URL = Symbol('db-url');

@Injectable()
class Repo {
  constructor(@Inject(DB_URL) readonly url: string) {}
  find(id: string): string { return `${id}@${this.url}`; }
}

@Module({ providers: [Repo, { provide: DB_URL, useValue: 'postgres://prod' }], exports: [Repo] })
class DbModule {
  static forTest(url: string): DynamicModule {
    return { module: DbModule, providers: [Repo, { provide: DB_URL, useValue: url }], exports: [Repo] };
  }
}

@Injectable()
class Catalog {
  constructor(private readonly repo: Repo, private readonly nats: NatsClient) {}
  describe(id: string): string {
    this.nats.publish('catalog.viewed', { id });
    return this.repo.find(id);
  }
  note(id: string): void { this.repo.find(id); }
}

@Controller('catalog')
class CatalogController {
  constructor(private readonly catalog: Catalog) {}
  @Subject('get') get(@Payload() body: { id: string }): string { return this.catalog.describe(body.id); }
  @Subject('viewed') async viewed(@Payload() body: { id: string }): Promise<void> {
    await Promise.resolve();
    this.catalog.note(`seen-${body.id}`);
  }
}

@Module({ imports: [DbModule], controllers: [CatalogController], providers: [Catalog] })
class CatalogModule {}

describe('Test.createTestingModule', () => {
  describe('when nothing is overridden', () => {
    it('should run the real providers on the memory transport, with a silent logger and default name', async () => {
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).compile();
      assert.equal(await app.request('catalog.get', { id: 'a' }), 'a@postgres://prod');
      assert.ok(app.transport instanceof MemoryTransport);
      assert.equal(app.app.name, 'test');
      assert.ok(app.logs!.lines('info').some((l) => /test started/.test(l.message)));
      await app.close();
      await app.close();
    });
  });

  describe('when a provider is overridden with useValue', () => {
    it('should give the mock to every consumer, including a provider deep in an imported module', async () => {
      const find = mock.fn((id: string) => `mock ${id}`);
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(Repo).useValue({ find }).compile();
      assert.equal(await app.request('catalog.get', { id: 'b' }), 'mock b');
      await app.settle(); // the 'catalog.viewed' event it published is handled too
      assert.deepEqual(find.mock.calls.map((c) => c.arguments), [['b'], ['seen-b']]);
      assert.equal(app.get(Repo).find, find);
      await app.close();
    });

    it('should replace a built-in such as NatsClient for the app\'s providers', async () => {
      const publish = mock.fn();
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(NatsClient).useValue({ publish }).compile();
      assert.equal(app.get(Catalog).describe('c'), 'c@postgres://prod');
      assert.deepEqual(publish.mock.calls[0]?.arguments, ['catalog.viewed', { id: 'c' }]);
      assert.deepEqual(app.traffic.messages('catalog.viewed'), []);
      await app.close();
    });
  });

  describe('when a provider is overridden with useClass or useFactory', () => {
    it('should build the class with injection, and call the factory with the tokens it injects', async () => {
      @Injectable() class FakeRepo { constructor(@Inject(DB_URL) readonly url: string) {} find(id: string) { return `fake ${id} ${this.url}`; } }
      const byClass = await Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(Repo).useClass(FakeRepo).compile();
      assert.equal(byClass.get(Catalog).describe('d'), 'fake d postgres://prod');
      await byClass.close();

      const byFactory = await Test.createTestingModule({ imports: [CatalogModule] })
        .overrideProvider(Repo).useFactory({ factory: (url: string) => ({ find: (id: string) => `factory ${id} ${url}` }), inject: [DB_URL] })
        .compile();
      assert.equal(byFactory.get(Catalog).describe('e'), 'factory e postgres://prod');
      await byFactory.close();
    });
  });

  describe('when a module is overridden', () => {
    it('should import the replacement wherever the original was imported', async () => {
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).overrideModule(DbModule).useModule(DbModule.forTest('sqlite://memory')).compile();
      assert.equal(await app.request('catalog.get', { id: 'f' }), 'f@sqlite://memory');
      await app.close();
    });
  });

  describe('when an override matches nothing', () => {
    it('should fail compile() and say what is missing', async () => {
      class Unused {}
      await assert.rejects(Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(Unused).useValue({}).compile(),
        (e: unknown) => e instanceof TestingError && e.kind === 'unknown-override' && /no module of the test declares Unused/.test(e.message));
      @Module({}) class Elsewhere {}
      await assert.rejects(Test.createTestingModule({ imports: [CatalogModule] }).overrideModule(Elsewhere).useModule(DbModule).compile(),
        (e: unknown) => e instanceof TestingError && e.kind === 'unknown-override' && /imports Elsewhere/.test(e.message));
    });
  });

  describe('when a class has no decorator metadata, as under esbuild-based runners', () => {
    it('should fail with a ContainerError that names Vitest and the SWC plugin', async () => {
      class Undecorated { constructor(readonly repo: Repo) {} }
      await assert.rejects(Test.createTestingModule({ imports: [DbModule], providers: [Undecorated] }).compile(),
        (e: unknown) => e instanceof ContainerError && e.kind === 'no-metadata' && /Vitest/.test(e.message) && /unplugin-swc/.test(e.message) && /@Inject\(token\)/.test(e.message));
    });
  });

  describe('when an event is published', () => {
    it('should resolve once the handlers have finished, so effects can be asserted at once', async () => {
      const find = mock.fn((id: string) => id);
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(Repo).useValue({ find }).compile();
      await app.publish('catalog.viewed', { id: 'g' });
      assert.deepEqual(find.mock.calls.map((c) => c.arguments[0]), ['seen-g']);
      assert.deepEqual(app.traffic.payloads('catalog.viewed'), [{ id: 'g' }]);
      await app.close();
    });
  });

  describe('when a handler never finishes', () => {
    it('should reject settle() with a TestingError naming the busy handler', async () => {
      @Controller('stuck') class StuckController { @Subject('forever') forever() { return new Promise(() => undefined); } }
      const app = await Test.createTestingModule({ controllers: [StuckController] }).withOptions({ shutdownTimeout: 50 }).compile();
      await assert.rejects(app.publish('stuck.forever', {}, { timeout: 50 }), (e: unknown) => e instanceof TestingError && e.kind === 'timeout' && /StuckController\.forever \(1 running/.test(e.message));
      await app.close();
    });
  });

  describe('when the app has scheduled tasks', () => {
    it('should not run them on their own, and run one when triggered by name', async () => {
      const runs = mock.fn();
      @Injectable() class Heartbeat { @Interval(1) beat() { runs(); } }
      const app = await Test.createTestingModule({ providers: [Heartbeat] }).compile();
      await app.settle();
      assert.equal(runs.mock.callCount(), 0);
      const run = await app.triggerTask('Heartbeat.beat');
      assert.equal(run.status, 'succeeded');
      assert.equal(runs.mock.callCount(), 1);
      await assert.rejects(app.triggerTask('Nope.nothing'), (e: unknown) => e instanceof SchedulerError && e.kind === 'unknown-task' && /Heartbeat\.beat/.test(e.message));
      await app.close();
    });
  });

  describe('when a logger is given', () => {
    it('should log there and leave app.logs undefined', async () => {
      const mine = new MemoryLogger();
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).useLogger(mine).compile();
      assert.equal(app.logs, undefined);
      assert.ok(mine.lines().length > 0);
      await app.close();
    });
  });

  describe('when a controller is used as a plain class', () => {
    it('should call the method directly with the providers it was built with', async () => {
      const find = mock.fn(() => 'direct');
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(Repo).useValue({ find }).compile();
      assert.equal(app.get(CatalogController).get({ id: 'h' }), 'direct');
      await app.close();
    });
  });
});

describe('TestingApp under fake timers', () => {
  describe('when a test fakes setImmediate and setTimeout after loading the kit', () => {
    it('should still deliver messages and answer requests', async (t) => {
      const find = mock.fn((id: string) => `${id}@fake`);
      const app = await Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(Repo).useValue({ find }).compile();
      t.mock.timers.enable({ apis: ['setImmediate', 'setTimeout'] });
      try {
        assert.equal(await app.request('catalog.get', { id: 'z' }), 'z@fake');
        await app.publish('catalog.viewed', { id: 'y' });
        // the request's own 'catalog.viewed' event and the published one were both handled
        assert.deepEqual(find.mock.calls.map((c) => c.arguments[0]).sort(), ['seen-y', 'seen-z', 'z']);
        assert.deepEqual(app.traffic.payloads('catalog.viewed'), [{ id: 'z' }, { id: 'y' }]);
      } finally {
        t.mock.timers.reset();
      }
      await app.close();
    });
  });
});

describe('Test.createTestingModule without decorator metadata', () => {
  describe('when a handler lost its parameter types, as esbuild compiles it', () => {
    it('should fail compile() with a ContainerError that says how to fix it under Vitest', async () => {
      @Controller('bare') class BareController { @Subject('make') make(@Payload() body: { id: string }) { return body; } }
      Reflect.deleteMetadata('design:paramtypes', BareController.prototype, 'make');
      await assert.rejects(Test.createTestingModule({ controllers: [BareController] }).compile(),
        (e: unknown) => e instanceof ContainerError && e.kind === 'no-metadata' && /@Payload\(CreateOrderDto\)/.test(e.message) && /unplugin-swc/.test(e.message));
    });
  });

  describe('when the Logger is overridden', () => {
    it('should point to useLogger and app.logs', async () => {
      await assert.rejects(Test.createTestingModule({ imports: [CatalogModule] }).overrideProvider(Logger).useValue({}).compile(),
        (e: unknown) => e instanceof TestingError && e.kind === 'unknown-override' && /\.useLogger\(logger\)/.test(e.message));
    });
  });
});

describe('TestingApp.settle', () => {
  describe('when handlers answer every event with another event for ever', () => {
    it('should give up at the deadline with a TestingError instead of hanging', async () => {
      @Controller('loop') class LoopController {
        constructor(private readonly nats: NatsClient) {}
        @Subject('again') again(): void { this.nats.publish('loop.again', {}); }
      }
      const app = await Test.createTestingModule({ controllers: [LoopController] }).compile();
      await assert.rejects(app.publish('loop.again', {}, { timeout: 50 }), (e: unknown) => e instanceof TestingError && e.kind === 'timeout' && /did not settle within 50 ms/.test(e.message));
      await app.close();
    });
  });
});
