import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Cron, Interval, ManualClock, SchedulerError, Task, type LogScope } from '../../src/index.js';
import { currentScope } from '../../src/logging/log-scope.js';
import { deferred, type Deferred } from './support/deferred.js';
import { schedulerFor } from './support/scheduler-for.js';
import { waitFor } from '../support/wait-for.js';

const FAR = () => Date.now() + 5000;

class Heartbeat {
  beats: number[] = [];
  constructor(private readonly clock: ManualClock) {}
  @Interval(1000) beat() { this.beats.push(this.clock.now()); }
}

class Flaky {
  calls = 0;
  @Interval(100) run() {
    this.calls++;
    if (this.calls === 1) throw new Error('boom');
  }
}

/** Each run waits for the test to release it. */
class Slow {
  gates: Deferred[] = [];
  @Interval(100) run() { const d = deferred(); this.gates.push(d); return d.promise; }
}

class SlowOverlapping {
  gates: Deferred[] = [];
  @Interval(100, { overlap: true }) run() { const d = deferred(); this.gates.push(d); return d.promise; }
}

describe('Scheduler', () => {
  describe('when an @Interval task is started', () => {
    it('should run it every period as the clock moves', async () => {
      const clock = new ManualClock(0);
      const hb = new Heartbeat(clock);
      const { scheduler } = schedulerFor([hb], { clock });
      await scheduler.lifecycle.start();
      assert.equal(scheduler.get('Heartbeat.beat').nextRun?.getTime(), 1000);
      await clock.advance(3500);
      assert.deepEqual(hb.beats, [1000, 2000, 3000]);
      const info = scheduler.get('Heartbeat.beat');
      assert.equal(info.nextRun?.getTime(), 4000);
      assert.equal(info.runs, 3);
      assert.equal(info.succeeded, 3);
      assert.equal(info.lastRun?.status, 'succeeded');
      assert.equal(info.lastRun?.trigger, 'schedule');
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when a @Cron task is started', () => {
    it('should run it at each matching time', async () => {
      const clock = new ManualClock(Date.UTC(2024, 0, 1, 0, 0, 0));
      const at: string[] = [];
      class Reports { @Cron('*/20 * * * * *') build() { at.push(new Date(clock.now()).toISOString()); } }
      const { scheduler } = schedulerFor([new Reports()], { clock });
      await scheduler.lifecycle.start();
      await clock.advance(60_000);
      assert.deepEqual(at, ['2024-01-01T00:00:20.000Z', '2024-01-01T00:00:40.000Z', '2024-01-01T00:01:00.000Z']);
      assert.equal(scheduler.get('Reports.build').nextRun?.toISOString(), '2024-01-01T00:01:20.000Z');
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when a @Task is started', () => {
    it('should run it once, right away, and never schedule it again', async () => {
      let runs = 0;
      class Warm { @Task() up() { runs++; } }
      const { scheduler, clock } = schedulerFor([new Warm()]);
      await scheduler.lifecycle.start();
      await clock.advance(0);
      await clock.advance(60_000);
      assert.equal(runs, 1);
      assert.equal(scheduler.get('Warm.up').nextRun, undefined);
      scheduler.start('Warm.up');
      await clock.advance(1000);
      assert.equal(runs, 1);
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when a run throws', () => {
    it('should log it with its stack, keep it as the last error and go on with the schedule', async () => {
      const flaky = new Flaky();
      const { scheduler, clock, log } = schedulerFor([flaky]);
      await scheduler.lifecycle.start();
      await clock.advance(300);
      assert.equal(flaky.calls, 3);
      const info = scheduler.get('Flaky.run');
      assert.deepEqual([info.runs, info.succeeded, info.failed], [3, 2, 1]);
      assert.equal(info.lastError?.message, 'boom');
      assert.match(info.lastError?.stack ?? '', /Flaky\.run/);
      const [line] = log.at('error');
      assert.match(line!.message, /task 'Flaky\.run' failed .*schedule goes on/);
      const meta = line!.meta as { error: Error; task: string; runId: string };
      assert.equal(meta.error.message, 'boom');
      assert.ok(meta.error.stack);
      assert.equal(line!.scope?.task, 'Flaky.run');
      assert.equal(line!.scope?.runId, info.lastError?.runId);
      assert.equal(line!.context, 'Flaky');
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when a run is still going at the next due time', () => {
    it('should skip the due run and count it', async () => {
      const slow = new Slow();
      const { scheduler, clock, log } = schedulerFor([slow]);
      await scheduler.lifecycle.start();
      await clock.advance(300);
      assert.equal(slow.gates.length, 1);
      let info = scheduler.get('Slow.run');
      assert.deepEqual([info.running, info.skipped, info.lastRun?.status], [1, 2, 'running']);
      assert.equal(log.at('warn').length, 1, 'the second skip within a minute is only counted');
      slow.gates[0]!.resolve();
      await waitFor(() => scheduler.get('Slow.run').running === 0, 'the run to finish');
      await clock.advance(100);
      assert.equal(slow.gates.length, 2);
      info = scheduler.get('Slow.run');
      assert.deepEqual([info.runs, info.skipped, info.succeeded], [2, 2, 1]);
      slow.gates[1]!.resolve();
      await scheduler.lifecycle.stop(FAR());
    });

    it('should start another run alongside when the task allows overlap', async () => {
      const slow = new SlowOverlapping();
      const { scheduler, clock } = schedulerFor([slow]);
      await scheduler.lifecycle.start();
      await clock.advance(300);
      assert.equal(slow.gates.length, 3);
      assert.deepEqual([scheduler.get('SlowOverlapping.run').running, scheduler.get('SlowOverlapping.run').skipped], [3, 0]);
      for (const g of slow.gates) g.resolve();
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when runs log', () => {
    it('should give each run its own scope with the task name and a fresh run id', async () => {
      const scopes: Array<LogScope | undefined> = [];
      class Scoped { @Interval(10) run() { scopes.push(currentScope()); } }
      const { scheduler, clock } = schedulerFor([new Scoped()]);
      await scheduler.lifecycle.start();
      await clock.advance(20);
      assert.equal(scopes.length, 2);
      assert.deepEqual(scopes.map((s) => [s?.service, s?.task]), [['test', 'Scoped.run'], ['test', 'Scoped.run']]);
      assert.notEqual(scopes[0]?.runId, scopes[1]?.runId);
      assert.equal(scheduler.get('Scoped.run').lastRun?.runId, scopes[1]?.runId);
      assert.equal(currentScope(), undefined);
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when a task is stopped and started by name', () => {
    it('should stop its schedule, leave others running, and restart with a fresh period', async () => {
      const clock = new ManualClock(0);
      const hb = new Heartbeat(clock);
      let other = 0;
      class Other { @Interval(1000) tick() { other++; } }
      const { scheduler } = schedulerFor([hb, new Other()], { clock });
      await scheduler.lifecycle.start();
      await clock.advance(1000);
      await scheduler.stop('Heartbeat.beat');
      assert.deepEqual([scheduler.get('Heartbeat.beat').enabled, scheduler.get('Heartbeat.beat').nextRun], [false, undefined]);
      await clock.advance(2500);
      assert.deepEqual(hb.beats, [1000]);
      assert.equal(other, 3);
      scheduler.start('Heartbeat.beat');
      assert.equal(scheduler.get('Heartbeat.beat').nextRun?.getTime(), 4500);
      await clock.advance(1000);
      assert.deepEqual(hb.beats, [1000, 4500]);
      await scheduler.lifecycle.stop(FAR());
    });

    it('should wait for the run in progress when stopping', async () => {
      const slow = new Slow();
      const { scheduler, clock } = schedulerFor([slow]);
      await scheduler.lifecycle.start();
      await clock.advance(100);
      let stopped = false;
      const stopping = scheduler.stop('Slow.run').then(() => { stopped = true; });
      await clock.advance(0);
      assert.equal(stopped, false);
      slow.gates[0]!.resolve();
      await stopping;
      assert.equal(scheduler.get('Slow.run').running, 0);
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when a run stops its own task', () => {
    it('should not wait for itself', async () => {
      let runs = 0;
      const holder: { scheduler?: import('../../src/index.js').Scheduler } = {};
      class Countdown { @Interval(100) async tick() { await Promise.resolve(); if (++runs === 2) await holder.scheduler!.stop('Countdown.tick'); } }
      const { scheduler, clock } = schedulerFor([new Countdown()]);
      holder.scheduler = scheduler;
      await scheduler.lifecycle.start();
      await clock.advance(500);
      await waitFor(() => scheduler.get('Countdown.tick').running === 0, 'the run to finish', 1000);
      assert.equal(runs, 2);
      assert.deepEqual([scheduler.get('Countdown.tick').succeeded, scheduler.get('Countdown.tick').enabled], [2, false]);
    });
  });

  describe('when a task is triggered by name', () => {
    it('should run it now, off schedule, and resolve with the finished run', async () => {
      const clock = new ManualClock(0);
      const hb = new Heartbeat(clock);
      const { scheduler } = schedulerFor([hb], { clock, autoStart: false });
      await scheduler.lifecycle.start();
      const run = await scheduler.trigger('Heartbeat.beat');
      assert.deepEqual(hb.beats, [0]);
      assert.deepEqual([run.status, run.trigger, run.durationMs], ['succeeded', 'manual', 0]);
      assert.equal(scheduler.get('Heartbeat.beat').runs, 1);
      await scheduler.lifecycle.stop(FAR());
    });

    it('should reject with what the run threw, and count the failure', async () => {
      const { scheduler } = schedulerFor([new Flaky()], { autoStart: false });
      await assert.rejects(scheduler.trigger('Flaky.run'), { message: 'boom' });
      assert.equal(scheduler.get('Flaky.run').failed, 1);
    });

    it('should refuse while a run is going and the task does not allow overlap', async () => {
      const slow = new Slow();
      const { scheduler } = schedulerFor([slow], { autoStart: false });
      const first = scheduler.trigger('Slow.run');
      await assert.rejects(scheduler.trigger('Slow.run'), (e: unknown) => e instanceof SchedulerError && e.kind === 'busy' && /Slow\.run.*overlap: true/.test(e.message));
      slow.gates[0]!.resolve();
      await first;
    });

    it('should fail for an unknown name, listing the known ones', async () => {
      const { scheduler } = schedulerFor([new Flaky()]);
      await assert.rejects(scheduler.trigger('Nope.run'), (e: unknown) => e instanceof SchedulerError && e.kind === 'unknown-task' && e.message.includes('Flaky.run'));
      assert.throws(() => scheduler.start('Nope.run'), { name: 'SchedulerError' });
    });
  });

  describe('when autoStart is false', () => {
    it('should schedule nothing until a task is started', async () => {
      const clock = new ManualClock(0);
      const hb = new Heartbeat(clock);
      const { scheduler } = schedulerFor([hb], { clock, autoStart: false });
      await scheduler.lifecycle.start();
      await clock.advance(5000);
      assert.deepEqual(hb.beats, []);
      assert.equal(scheduler.get('Heartbeat.beat').enabled, false);
      scheduler.start();
      await clock.advance(1000);
      assert.deepEqual(hb.beats, [6000]);
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when the app shuts down', () => {
    it('should stop the schedules and wait for the running task', async () => {
      const slow = new Slow();
      const { scheduler, clock } = schedulerFor([slow]);
      await scheduler.lifecycle.start();
      await clock.advance(100);
      let closed = false;
      const closing = scheduler.lifecycle.stop(FAR()).then(() => { closed = true; });
      await clock.advance(1000);
      assert.equal(closed, false);
      assert.equal(slow.gates.length, 1);
      assert.equal(scheduler.get('Slow.run').nextRun, undefined);
      slow.gates[0]!.resolve();
      await closing;
      assert.equal(scheduler.get('Slow.run').lastRun?.status, 'succeeded');
      await assert.rejects(scheduler.trigger('Slow.run'), { name: 'SchedulerError', kind: 'stopped' });
    });

    it('should not wait for a run that is itself closing the app', async () => {
      const holder: { stop?: () => Promise<void> } = {};
      class Quitter { @Task() async quit() { await Promise.resolve(); await holder.stop!(); } }
      const { scheduler, clock } = schedulerFor([new Quitter()]);
      holder.stop = () => scheduler.lifecycle.stop(FAR());
      await scheduler.lifecycle.start();
      await clock.advance(0);
      await waitFor(() => scheduler.get('Quitter.quit').lastRun?.status === 'succeeded', 'the run to finish', 1000);
    });

    it('should give up at the deadline and name the task still running', async () => {
      const slow = new Slow();
      const { scheduler, clock, log } = schedulerFor([slow]);
      await scheduler.lifecycle.start();
      await clock.advance(100);
      await scheduler.lifecycle.stop(Date.now() + 20);
      assert.match(log.at('warn').at(-1)!.message, /'Slow\.run' still running at the shutdown deadline/);
      slow.gates[0]!.resolve();
    });
  });

  describe('when listing tasks', () => {
    it('should describe each with its schedule and counters', () => {
      class Jobs {
        @Task({ name: 'warm' }) warm() {}
        @Interval(2000) beat() {}
        @Cron('0 0 9 * * *', { timezone: 'Europe/Oslo', overlap: true }) nine() {}
      }
      const { scheduler } = schedulerFor([new Jobs()]);
      assert.deepEqual(scheduler.list().map((t) => [t.name, t.className, t.method, t.kind, t.schedule, t.overlap, t.enabled]), [
        ['warm', 'Jobs', 'warm', 'once', 'once at start', false, true],
        ['Jobs.beat', 'Jobs', 'beat', 'interval', 'every 2000 ms', false, true],
        ['Jobs.nine', 'Jobs', 'nine', 'cron', '0 0 9 * * * (Europe/Oslo)', true, true],
      ]);
      assert.deepEqual(scheduler.list().map((t) => [t.runs, t.succeeded, t.failed, t.skipped, t.running, t.nextRun, t.lastRun, t.lastError]), Array(3).fill([0, 0, 0, 0, 0, undefined, undefined, undefined]));
    });
  });

  describe('when tasks are declared wrongly', () => {
    it('should fail on two tasks with one name, naming both', () => {
      class A { @Interval(10, { name: 'job' }) a() {} }
      class B { @Interval(10, { name: 'job' }) b() {} }
      assert.throws(() => schedulerFor([new A(), new B()]), (e: unknown) => e instanceof SchedulerError && e.kind === 'duplicate-task' && /A\.a and B\.b/.test(e.message));
    });

    it('should fail on a method with two schedules', () => {
      class Twice { @Interval(10) @Cron('* * * * * *') run() {} }
      assert.throws(() => schedulerFor([new Twice()]), (e: unknown) => e instanceof SchedulerError && e.kind === 'invalid-schedule' && /Twice\.run has 2 schedules/.test(e.message));
    });

    it('should count an instance provided under two tokens once', () => {
      const hb = new Heartbeat(new ManualClock());
      const { scheduler } = schedulerFor([hb, hb]);
      assert.equal(scheduler.list().length, 1);
    });
  });
});
