import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Cron, Interval, Task } from '../../src/index.js';
import { scheduledMethods, schedulesOf } from '../../src/metadata/schedule.decorators.js';

class Jobs {
  @Task() warmUp() {}
  @Interval(2000, { name: 'beat', overlap: true }) heartbeat() {}
  @Cron('*/5 * * * * *', { timezone: 'Europe/Oslo', name: 'tick' }) tick() {}
  plain() {}
}

describe('schedule decorators', () => {
  describe('when methods carry @Task, @Interval and @Cron', () => {
    it('should list the scheduled methods only', () => {
      assert.deepEqual(scheduledMethods(Jobs), ['warmUp', 'heartbeat', 'tick']);
    });

    it('should record @Task as a run once at start', () => {
      assert.deepEqual(schedulesOf(Jobs, 'warmUp'), [{ decorator: '@Task', spec: { kind: 'once' }, options: {} }]);
    });

    it('should record @Interval with its milliseconds and options', () => {
      assert.deepEqual(schedulesOf(Jobs, 'heartbeat'), [{ decorator: '@Interval', spec: { kind: 'interval', ms: 2000 }, options: { name: 'beat', overlap: true } }]);
    });

    it('should record @Cron with its expression and time zone apart from the task options', () => {
      assert.deepEqual(schedulesOf(Jobs, 'tick'), [{ decorator: '@Cron', spec: { kind: 'cron', expression: '*/5 * * * * *', timezone: 'Europe/Oslo' }, options: { name: 'tick' } }]);
    });
  });

  describe('when the values are invalid', () => {
    it('should still only record them (validation happens when the app is created)', () => {
      class Bad { @Interval(-1) neg() {} @Cron('nope') cron() {} }
      assert.deepEqual(scheduledMethods(Bad), ['neg', 'cron']);
      assert.equal(schedulesOf(Bad, 'neg')[0]?.spec.kind, 'interval');
    });
  });

  describe('when a class extends a scheduled class', () => {
    it('should inherit the schedules without changing the parent', () => {
      class Child extends Jobs { @Interval(10) extra() {} }
      assert.deepEqual(scheduledMethods(Child), ['warmUp', 'heartbeat', 'tick', 'extra']);
      assert.deepEqual(scheduledMethods(Jobs), ['warmUp', 'heartbeat', 'tick']);
    });
  });
});
