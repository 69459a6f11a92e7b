import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ContainerError, Controller, Global, Inject, Injectable, Module, NatsClient, Optional, PaniniFactory, Subject,
  type DynamicModule, type OnModuleInit, type OnApplicationShutdown,
} from '../../src/index.js';
import { MemoryTransport } from '../../src/testing/index.js';

const create = (root: Parameters<typeof PaniniFactory.create>[0]) =>
  PaniniFactory.create(root, { name: 'unit', logging: { silent: true }, handleSignals: false, transport: new MemoryTransport() });

const isKind = (kind: string, text?: RegExp) => (e: unknown) => {
  assert.ok(e instanceof ContainerError, `expected a ContainerError, got ${String(e)}`);
  assert.equal(e.kind, kind);
  if (text) assert.match(e.message, text);
  return true;
};

describe('container', () => {
  describe('when providers are declared in every form', () => {
    const CONFIG = Symbol('config');
    const GREETING = 'greeting';
    @Injectable() class Repo { readonly id = Math.random(); }
    abstract class Clock { abstract now(): number; }
    class FixedClock extends Clock { now() { return 42; } }
    @Injectable({ scope: 'transient' }) class Job { readonly id = Math.random(); }
    @Injectable()
    class Service {
      constructor(
        readonly repo: Repo,
        @Inject(CONFIG) readonly config: { url: string },
        @Inject(GREETING) readonly greeting: string,
        readonly clock: Clock,
        @Inject('alias') readonly alias: Repo,
        readonly nats: NatsClient,
      ) {}
    }
    @Module({
      providers: [
        Repo, Service, Job,
        { provide: CONFIG, useValue: { url: 'nats://x' } },
        { provide: Clock, useClass: FixedClock },
        { provide: GREETING, useFactory: async (c: { url: string }) => { await Promise.resolve(); return `hi ${c.url}`; }, inject: [CONFIG] },
        { provide: 'alias', useExisting: Repo },
      ],
    })
    class AppModule {}

    it('should inject by type, by token, from async factories and aliases', async () => {
      const app = await create(AppModule);
      const s = app.get(Service);
      assert.equal(s.config.url, 'nats://x');
      assert.equal(s.greeting, 'hi nats://x');
      assert.equal(s.clock.now(), 42);
      assert.equal(s.repo, app.get(Repo));
      assert.equal(s.alias, s.repo);
      assert.ok(s.nats instanceof NatsClient);
    });

    it('should share singletons and make transient providers anew', async () => {
      const app = await create(AppModule);
      assert.equal(app.get(Repo), app.get(Repo));
      assert.notEqual(app.get(Job).id, app.get(Job).id);
      assert.ok(app.container.isBound(Service));
    });
  });

  describe('when a module uses a provider it does not import', () => {
    @Injectable() class UsersRepo {}
    @Injectable() class OrdersService { constructor(readonly users: UsersRepo) {} }
    @Module({ providers: [UsersRepo] }) class UsersModule {}
    @Module({ imports: [UsersModule], providers: [OrdersService] }) class OrdersModule {}
    @Module({ imports: [OrdersModule, UsersModule] }) class AppModule {}

    it('should fail naming the class, the parameter, the token, the module and the fix', async () => {
      await assert.rejects(create(AppModule), isKind('missing-provider', /parameter #0 \(UsersRepo\) of OrdersService in module OrdersModule.*export UsersRepo from UsersModule/));
    });

    it('should work once the provider is exported', async () => {
      @Module({ providers: [UsersRepo], exports: [UsersRepo] }) class UsersModule2 {}
      @Module({ imports: [UsersModule2], providers: [OrdersService] }) class OrdersModule2 {}
      const app = await create(OrdersModule2);
      assert.ok(app.get(OrdersService).users instanceof UsersRepo);
    });

    it('should pass exports through a module that re-exports an import', async () => {
      @Module({ providers: [UsersRepo], exports: [UsersRepo] }) class Inner {}
      @Module({ imports: [Inner], exports: [Inner] }) class Outer {}
      @Module({ imports: [Outer], providers: [OrdersService] }) class Root {}
      const app = await create(Root);
      assert.ok(app.get(OrdersService).users instanceof UsersRepo);
    });

    it('should reject exporting what the module does not have', async () => {
      @Module({ exports: [UsersRepo] }) class Bad {}
      await assert.rejects(create(Bad), isKind('invalid-export', /module Bad exports UsersRepo/));
    });
  });

  describe('when a global module exports a provider', () => {
    @Injectable() class Settings { readonly env = 'test'; }
    @Global() @Module({ providers: [Settings], exports: [Settings] }) class SettingsModule {}
    @Injectable() class UsesSettings { constructor(readonly settings: Settings) {} }
    @Module({ providers: [UsesSettings] }) class Feature {}
    @Module({ imports: [SettingsModule, Feature] }) class AppModule {}

    it('should be visible to every module without an import', async () => {
      const app = await create(AppModule);
      assert.equal(app.get(UsesSettings).settings.env, 'test');
    });
  });

  describe('when a dynamic module is configured with forRoot()', () => {
    const OPTIONS = Symbol('db-options');
    @Injectable() class Db { constructor(@Inject(OPTIONS) readonly options: { url: string }) {} }
    @Module({})
    class DbModule {
      static forRoot(url: string): DynamicModule {
        return { module: DbModule, providers: [{ provide: OPTIONS, useValue: { url } }, Db], exports: [Db] };
      }
    }
    @Injectable() class Repo { constructor(readonly db: Db) {} }
    @Module({ imports: [DbModule.forRoot('postgres://db')], providers: [Repo] }) class AppModule {}

    it('should provide what forRoot() configured', async () => {
      const app = await create(AppModule);
      assert.equal(app.get(Repo).db.options.url, 'postgres://db');
    });
  });

  describe('when dependencies form a cycle', () => {
    @Injectable() class A { constructor(@Inject('B') readonly b: unknown) {} }
    @Injectable() class B { constructor(@Inject('A') readonly a: unknown) {} }
    @Module({ providers: [{ provide: 'A', useClass: A }, { provide: 'B', useClass: B }] }) class AppModule {}

    it('should fail with the cycle spelled out', async () => {
      await assert.rejects(create(AppModule), isKind('cycle', /'A' -> 'B' -> 'A'/));
    });
  });

  describe('when a dependency is optional', () => {
    @Injectable() class Maybe { constructor(@Optional() @Inject('missing') readonly value?: string) {} }
    @Module({ providers: [Maybe] }) class AppModule {}
    it('should inject undefined instead of failing', async () => {
      const app = await create(AppModule);
      assert.equal(app.get(Maybe).value, undefined);
    });
  });

  describe('when decorator metadata is missing', () => {
    class NoMeta { constructor(readonly dep: unknown) {} }
    @Module({ providers: [NoMeta] }) class AppModule {}
    it('should explain emitDecoratorMetadata and how to fix it', async () => {
      await assert.rejects(create(AppModule), isKind('no-metadata', /NoMeta has 1 constructor parameter.*emitDecoratorMetadata.*Vitest.*@Inject/));
    });
  });

  describe('when an interface is used as a constructor type', () => {
    interface Port { send(): void }
    @Injectable() class UsesPort { constructor(readonly port: Port) {} }
    @Module({ providers: [UsesPort] }) class AppModule {}
    it('should ask for an @Inject token', async () => {
      await assert.rejects(create(AppModule), isKind('no-metadata', /parameter #0 of UsesPort.*@Inject\(token\)/));
    });
  });

  describe('when a listed module or provider is invalid', () => {
    class NotAModule {}
    it('should name the class that lacks @Module', async () => {
      @Module({ imports: [NotAModule] }) class Root {}
      await assert.rejects(create(Root), isKind('invalid-module', /NotAModule \(imported by Root\) is not a module/));
    });
    it('should explain an undefined import', async () => {
      @Module({ imports: [undefined as never] }) class Root {}
      await assert.rejects(create(Root), isKind('invalid-module', /circular file import/));
    });
    it('should reject a malformed provider', async () => {
      @Module({ providers: [{ provide: 'x' } as never] }) class Root {}
      await assert.rejects(create(Root), isKind('invalid-provider', /module Root lists an invalid provider/));
    });
    it('should reject a controller without @Controller', async () => {
      class Plain { @Subject('x') x() { return 1; } }
      @Module({ controllers: [Plain] }) class Root {}
      await assert.rejects(create(Root), /Plain is listed in controllers but is not decorated/);
    });
  });

  describe('lifecycle hooks', () => {
    it('should run in dependency order on start and in reverse on stop', async () => {
      const calls: string[] = [];
      const record = (name: string) => class implements OnModuleInit, OnApplicationShutdown {
        onModuleInit() { calls.push(`init:${name}`); }
        onApplicationBootstrap() { calls.push(`bootstrap:${name}`); }
        onModuleDestroy() { calls.push(`destroy:${name}`); }
        beforeApplicationShutdown(signal?: string) { calls.push(`before:${name}:${signal}`); }
        async onApplicationShutdown() { await Promise.resolve(); calls.push(`shutdown:${name}`); }
      };
      @Injectable() class Base extends record('base') {}
      @Injectable() class Mid extends record('mid') { constructor(readonly base: Base) { super(); } }
      @Controller('top') class Top extends record('top') { constructor(readonly mid: Mid) { super(); } }
      @Module({ controllers: [Top], providers: [Mid, Base] }) class AppModule {}
      const app = await create(AppModule);
      await app.start();
      assert.deepEqual(calls, ['init:base', 'init:mid', 'init:top', 'bootstrap:base', 'bootstrap:mid', 'bootstrap:top']);
      calls.length = 0;
      await app.close('SIGTERM');
      assert.deepEqual(calls, [
        'destroy:top', 'destroy:mid', 'destroy:base',
        'before:top:SIGTERM', 'before:mid:SIGTERM', 'before:base:SIGTERM',
        'shutdown:top', 'shutdown:mid', 'shutdown:base',
      ]);
    });
  });
});
