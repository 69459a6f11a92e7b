import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Controller, Cron, Injectable, Interval, Logger, ManualClock, Module, NatsClient, PaniniFactory, Payload, Scheduler, SchedulerError, Subject, Task,
  type OnModuleDestroy, type PaniniApplication, type PaniniOptions,
} from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { waitFor } from '../support/wait-for.js';
import { deferred } from './support/deferred.js';

@Injectable()
class Counter { value = 0; next() { return ++this.value; } }

// The seed's example: a task publishing 10 messages at start, a timer task publishing
// periodically, and a handler receiving both.
@Injectable()
class Publisher {
  constructor(private readonly nats: NatsClient, private readonly counter: Counter, private readonly log: Logger) {}
  @Task() publishAtStart() {
    for (let i = 0; i < 10; i++) this.nats.publish('demo.numbers', { n: i, from: 'task' });
    this.log.info('published 10 messages');
  }
  @Interval(20) publishPeriodically() {
    this.nats.publish('demo.numbers', { n: this.counter.next(), from: 'timer' });
  }
}

@Controller('demo')
class Receiver {
  static received: Array<{ n: number; from: string }> = [];
  @Subject('numbers') numbers(@Payload() body: { n: number; from: string }) { Receiver.received.push(body); }
}

@Module({ controllers: [Receiver], providers: [Publisher, Counter] })
class DemoModule {}

describe('scheduled tasks in an app', () => {
  let nats: NatsServerHandle;
  const apps: PaniniApplication[] = [];
  const create = async (root: Parameters<typeof PaniniFactory.create>[0], options: PaniniOptions = {}) => {
    const app = await PaniniFactory.create(root, { servers: nats.url, logging: { silent: true }, handleSignals: false, ...options });
    apps.push(app);
    return app;
  };
  before(async () => { nats = await startNatsServer(); });
  after(async () => {
    for (const app of apps) await app.close();
    await nats.dispose();
  });

  describe('when the app starts', () => {
    it('should run the @Task once and the @Interval repeatedly, with providers and the NatsClient', async () => {
      Receiver.received = [];
      const app = await create(DemoModule);
      await app.start();
      await waitFor(() => Receiver.received.filter((m) => m.from === 'timer').length >= 3, 'three timer messages');
      assert.deepEqual(Receiver.received.filter((m) => m.from === 'task').map((m) => m.n), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const scheduler = app.get(Scheduler);
      assert.equal(scheduler.get('Publisher.publishAtStart').runs, 1);
      assert.ok(scheduler.get('Publisher.publishPeriodically').succeeded >= 3);
      await app.close();
    });
  });

  describe('when a provider injects the Scheduler', () => {
    it('should see every task and be able to trigger one', async () => {
      @Injectable()
      class Admin { constructor(readonly scheduler: Scheduler) {} }
      @Module({ controllers: [Receiver], providers: [Publisher, Counter, Admin] })
      class AdminModule {}
      Receiver.received = [];
      const app = await create(AdminModule, { scheduler: { autoStart: false } });
      await app.start();
      const admin = app.get(Admin);
      assert.deepEqual(admin.scheduler.list().map((t) => [t.name, t.enabled]), [['Publisher.publishAtStart', false], ['Publisher.publishPeriodically', false]]);
      await admin.scheduler.trigger('Publisher.publishPeriodically');
      await waitFor(() => Receiver.received.length === 1, 'the triggered message');
      assert.deepEqual(Receiver.received, [{ n: 1, from: 'timer' }]);
      await app.close();
    });
  });

  describe('when time comes from a ManualClock', () => {
    it('should run timer tasks as the clock is advanced', async () => {
      let ticks = 0;
      @Injectable()
      class Ticker { @Cron('0 * * * * *') tick() { ticks++; } }
      @Module({ providers: [Ticker] })
      class TickModule {}
      const clock = new ManualClock();
      const app = await create(TickModule, { scheduler: { clock } });
      await app.start();
      await clock.advance(3 * 60_000);
      assert.equal(ticks, 3);
      await app.close();
    });
  });

  describe('when the app closes while a task runs', () => {
    it('should stop the schedules, wait for the run, then run the shutdown hooks', async () => {
      const gate = deferred();
      const events: string[] = [];
      @Injectable()
      class Long implements OnModuleDestroy {
        @Task() async work() { events.push('started'); await gate.promise; events.push('finished'); }
        onModuleDestroy() { events.push('destroyed'); }
      }
      @Module({ providers: [Long] })
      class LongModule {}
      const app = await create(LongModule);
      await app.start();
      await waitFor(() => events.includes('started'), 'the task to start');
      const closing = app.close();
      await waitFor(() => app.status.phase === 'stopping', 'the app to be stopping');
      assert.deepEqual(events, ['started']);
      gate.resolve();
      await closing;
      assert.deepEqual(events, ['started', 'finished', 'destroyed']);
    });
  });

  describe('when a schedule is invalid', () => {
    it('should fail create() for a non-positive interval, naming the class, the method and the value', async () => {
      @Injectable()
      class BadInterval { @Interval(0) run() {} }
      @Module({ providers: [BadInterval] })
      class BadModule {}
      await assert.rejects(PaniniFactory.create(BadModule, { logging: { silent: true }, handleSignals: false }), (e: unknown) =>
        e instanceof SchedulerError && e.kind === 'invalid-schedule' && e.message.includes('@Interval on BadInterval.run') && e.message.includes('got 0'));
    });

    it('should fail create() for an invalid cron expression, naming the class, the method and the expression', async () => {
      @Controller('bad')
      class BadCron { @Cron('0 0 25 * * *') run() {} }
      @Module({ controllers: [BadCron] })
      class BadModule {}
      await assert.rejects(PaniniFactory.create(BadModule, { logging: { silent: true }, handleSignals: false }), (e: unknown) =>
        e instanceof SchedulerError && e.kind === 'invalid-schedule' && e.message.includes('@Cron on BadCron.run') && e.message.includes("'0 0 25 * * *'"));
    });
  });
});
