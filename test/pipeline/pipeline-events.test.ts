import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, PIPELINE_LISTENERS, Payload, ServiceError, Subject, type PipelineEvent } from '../../src/index.js';
import { HandlerSource, MESSAGE_SOURCES } from '../../src/internal.js';
import { Test } from '../../src/testing/index.js';
import { waitFor } from '../support/wait-for.js';
import { fakeSourceFactory } from '../sources/fake.source.js';

@Controller('ev')
class EventsController {
  @Subject('ok')
  ok(@Payload() n: number) { return n + 1; }

  @Subject('missing')
  missing(): never { throw new ServiceError(404, 'no such thing'); }

  @Subject('fed')
  @HandlerSource('fake')
  fed(@Payload() n: number) { return n; }
}

function appWith(listen: boolean) {
  const events: PipelineEvent[] = [];
  const factory = fakeSourceFactory([]);
  @Module({
    controllers: [EventsController],
    providers: [
      { provide: MESSAGE_SOURCES, useValue: factory },
      ...(listen ? [{ provide: PIPELINE_LISTENERS, useValue: (e: PipelineEvent) => events.push(e) }] : []),
    ],
  })
  class EventsModule {}
  return { events, factory, module: EventsModule };
}

const summary = (events: PipelineEvent[]) => events.map((e) => [e.type, e.handler, e.subject, e.request, 'code' in e ? e.code : undefined]);

describe('pipeline events', () => {
  describe('when a request succeeds', () => {
    it('should emit received, handled and replied 200, with durations', async () => {
      const { events, module } = appWith(true);
      const app = await Test.createTestingModule({ imports: [module] }).compile();
      assert.equal(await app.request('ev.ok', 1), 2);
      await waitFor(() => events.length === 3, 'three events');
      assert.deepEqual(summary(events), [
        ['received', 'EventsController.ok', 'ev.ok', true, undefined],
        ['handled', 'EventsController.ok', 'ev.ok', true, undefined],
        ['replied', 'EventsController.ok', 'ev.ok', true, 200],
      ]);
      for (const e of events.slice(1)) assert.ok('durationMs' in e && e.durationMs >= 0 && e.durationMs < 5000);
      assert.equal(events[0]!.ctx.subject, 'ev.ok');
      await app.close();
    });
  });

  describe('when a request fails', () => {
    it('should emit received, failed and replied with the error code', async () => {
      const { events, module } = appWith(true);
      const app = await Test.createTestingModule({ imports: [module] }).compile();
      await assert.rejects(app.request('ev.missing'), { code: 404 });
      await waitFor(() => events.length === 3, 'three events');
      assert.deepEqual(summary(events), [
        ['received', 'EventsController.missing', 'ev.missing', true, undefined],
        ['failed', 'EventsController.missing', 'ev.missing', true, 404],
        ['replied', 'EventsController.missing', 'ev.missing', true, 404],
      ]);
      const failed = events[1] as Extract<PipelineEvent, { type: 'failed' }>;
      assert.ok(failed.error instanceof ServiceError);
      await app.close();
    });
  });

  describe('when an event is handled or fails', () => {
    it('should emit no replied event, and mark the events as not requests', async () => {
      const { events, module } = appWith(true);
      const app = await Test.createTestingModule({ imports: [module] }).compile();
      await app.publish('ev.ok', 1);
      await app.publish('ev.missing', 1);
      await waitFor(() => events.length === 4, 'four events');
      assert.deepEqual(summary(events), [
        ['received', 'EventsController.ok', 'ev.ok', false, undefined],
        ['handled', 'EventsController.ok', 'ev.ok', false, undefined],
        ['received', 'EventsController.missing', 'ev.missing', false, undefined],
        ['failed', 'EventsController.missing', 'ev.missing', false, 404],
      ]);
      await app.close();
    });
  });

  describe('when nobody listens', () => {
    it('should build runners without an emit function, so no event work is done per message', async () => {
      const { factory, module } = appWith(false);
      // the $SRV responder listens by default (its stats come from these events): off here
      const app = await Test.createTestingModule({ imports: [module] }).withOptions({ micro: false }).compile();
      assert.equal(factory.made!.runners.get('ev.fed')!.emit, undefined);
      await app.close();
    });

    it('should build them with one when a listener is registered before start', async () => {
      const { factory, module } = appWith(true);
      const app = await Test.createTestingModule({ imports: [module] }).compile();
      assert.equal(typeof factory.made!.runners.get('ev.fed')!.emit, 'function');
      assert.throws(() => app.app.onPipelineEvent(() => undefined), /must be called before start\(\)/);
      await app.close();
    });
  });

  describe('when a listener wants requests only', () => {
    it('should tell it about requests alone, while a plain listener beside it still hears events', async () => {
      const { events: all, module } = appWith(true);
      const requests: PipelineEvent[] = [];
      const only = Object.assign((e: PipelineEvent) => { requests.push(e); }, { requestsOnly: true });
      @Module({ imports: [module], providers: [{ provide: PIPELINE_LISTENERS, useValue: only }] })
      class Mixed {}
      const app = await Test.createTestingModule({ imports: [Mixed] }).withOptions({ micro: false }).compile();
      await app.publish('ev.ok', 1);
      assert.equal(await app.request('ev.ok', 1), 2);
      await waitFor(() => all.length === 5, 'five events for the plain listener');
      assert.deepEqual(summary(requests), summary(all.filter((e) => e.request)));
      assert.equal(requests.length, 3);
      await app.close();
    });

    it('should follow no event at all when every listener wants requests only', async () => {
      const { factory, module } = appWith(false);
      const requests: PipelineEvent[] = [];
      const only = Object.assign((e: PipelineEvent) => { requests.push(e); }, { requestsOnly: true });
      @Module({ imports: [module], providers: [{ provide: PIPELINE_LISTENERS, useValue: only }] })
      class RequestsOnly {}
      const app = await Test.createTestingModule({ imports: [RequestsOnly] }).withOptions({ micro: false }).compile();
      assert.equal(factory.made!.runners.get('ev.fed')!.emit!.requestsOnly, true);
      await app.publish('ev.ok', 1);
      await app.publish('ev.missing', 1);
      assert.equal(await app.request('ev.ok', 5), 6);
      await waitFor(() => requests.length === 3, 'the three events of the request');
      assert.deepEqual(requests.map((e) => e.type), ['received', 'handled', 'replied']);
      await app.close();
    });
  });

  describe('when a listener throws', () => {
    it('should log it once and still answer', async () => {
      const { module } = appWith(false);
      @Module({ imports: [module], providers: [{ provide: PIPELINE_LISTENERS, useValue: () => { throw new Error('listener bug'); } }] })
      class Throwing {}
      const app = await Test.createTestingModule({ imports: [Throwing] }).compile();
      assert.equal(await app.request('ev.ok', 1), 2);
      assert.equal(await app.request('ev.ok', 2), 3);
      assert.equal(app.logs!.lines('error').filter((l) => /pipeline event listener threw/.test(l.message)).length, 1);
      await app.close();
    });
  });
});
