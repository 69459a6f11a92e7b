import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Injectable, Module, Payload, Subject } from '../../src/index.js';
import { APP_COMPONENTS, HandlerSource, MESSAGE_SOURCES, type PlacedComponent } from '../../src/internal.js';
import { Test } from '../../src/testing/index.js';
import { waitFor } from '../support/wait-for.js';
import { fakeSourceFactory } from './fake.source.js';

@Controller('mixed')
class MixedController {
  @Subject('core')
  core(@Payload() n: number) { return n + 1; }

  @Subject('fed')
  @HandlerSource('fake')
  fed(@Payload() n: number) { return n * 2; }
}

function placed(order: string[], name: string, phase: PlacedComponent['phase']): PlacedComponent {
  return { name, phase, start: async () => { order.push(`${name}.start`); }, stop: async () => { order.push(`${name}.stop`); } };
}

function appWith(order: string[]) {
  @Injectable()
  class Hooks {
    onApplicationBootstrap() { order.push('bootstrap'); }
    onModuleDestroy() { order.push('destroy'); }
  }
  const factory = fakeSourceFactory(order);
  @Module({
    controllers: [MixedController],
    providers: [
      Hooks,
      { provide: MESSAGE_SOURCES, useValue: factory },
      { provide: APP_COMPONENTS, useValue: [placed(order, 'web', 'after-sources'), placed(order, 'cron', 'last')] },
    ],
  })
  class FakeCapabilityModule {}
  return { factory, module: FakeCapabilityModule };
}

describe('message sources', () => {
  describe('when a module registers a source factory of its own kind', () => {
    it('should give it only the handlers of that kind, run them through the pipeline and settle with its policy', async () => {
      const order: string[] = [];
      const { factory, module } = appWith(order);
      const app = await Test.createTestingModule({ imports: [module] }).compile();
      const source = factory.made!;
      assert.deepEqual([...source.runners.keys()], ['mixed.fed']);
      source.deliver('mixed.fed', 21);
      await waitFor(() => source.settled.length === 1, 'the outcome to be settled');
      assert.deepEqual(source.settled, [{ ok: true, result: 42 }]);
      // the core handler still runs on its subscription, unaffected
      assert.equal(await app.request('mixed.core', 1), 2);
      assert.equal(app.app.stats().find((s) => s.subject === 'mixed.fed')!.handled, 1);
      await app.close();
    });

    it('should start and stop sources and components in the app\'s order', async () => {
      const order: string[] = [];
      const { module } = appWith(order);
      const app = await Test.createTestingModule({ imports: [module] }).compile();
      assert.deepEqual(order, ['fake.start', 'web.start', 'bootstrap', 'cron.start']);
      order.length = 0;
      await app.close();
      assert.deepEqual(order, ['cron.stop', 'web.stop', 'fake.drain', 'fake.idle', 'fake.abandon', 'destroy']);
    });

    it('should log the source\'s health events like transport events', async () => {
      const order: string[] = [];
      const { factory, module } = appWith(order);
      const app = await Test.createTestingModule({ imports: [module] }).compile();
      factory.made!.report({ type: 'consumer-deleted', kind: 'fake', handler: 'MixedController.fed', consumer: 'c1' });
      factory.made!.report({ type: 'heartbeats-missed', kind: 'fake', count: 2 });
      assert.ok(app.logs!.lines('error').some((l) => l.message === "fake source of MixedController.fed: consumer 'c1' was deleted on the server"));
      assert.ok(app.logs!.lines('warn').some((l) => /fake source missed 2 heartbeat\(s\)/.test(l.message)));
      await app.close();
    });
  });

  describe('when a handler is of a kind no imported module serves', () => {
    it('should fail start-up naming the handler and the kind', async () => {
      await assert.rejects(Test.createTestingModule({ controllers: [MixedController] }).compile(), /MixedController\.fed is a 'fake' handler, but no imported module serves that kind/);
    });
  });

  describe('when two imported modules serve the same kind (a capability forRoot() imported twice)', () => {
    it('should fail start-up naming the kind, since each message would be handled twice', async () => {
      @Module({ providers: [{ provide: MESSAGE_SOURCES, useValue: fakeSourceFactory([]) }] })
      class SecondFakeModule {}
      const { module } = appWith([]);
      await assert.rejects(
        Test.createTestingModule({ imports: [module, SecondFakeModule] }).compile(),
        /two imported modules serve 'fake' handlers \(a module's forRoot\(\) imported twice\?\)/,
      );
    });
  });
});
