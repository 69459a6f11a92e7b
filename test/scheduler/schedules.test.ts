import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerError } from '../../src/index.js';
import { compileSchedule } from '../../src/scheduler/schedules.js';

const T0 = Date.UTC(2024, 0, 1);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

describe('compileSchedule', () => {
  describe('when the schedule is once', () => {
    it('should be due at once and never again', () => {
      const s = compileSchedule({ kind: 'once' }, 'Jobs.warmUp', T0);
      assert.equal(s.first(T0), T0);
      assert.equal(s.after(T0, T0), undefined);
      assert.equal(s.repeats, false);
    });
  });

  describe('when the schedule is an interval', () => {
    it('should be due one period after start, then at a fixed rate', () => {
      const s = compileSchedule({ kind: 'interval', ms: 1000 }, 'Jobs.beat', T0);
      assert.equal(s.first(T0), T0 + 1000);
      assert.equal(s.after(T0 + 1000, T0 + 1003), T0 + 2000);
      assert.equal(s.description, 'every 1000 ms');
    });

    it('should skip periods that have already passed rather than run them in a burst', () => {
      const s = compileSchedule({ kind: 'interval', ms: 1000 }, 'Jobs.beat', T0);
      assert.equal(s.after(T0 + 1000, T0 + 3500), T0 + 4000);
    });

    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`should fail for ${bad}, naming the method and the value`, () => {
        assert.throws(() => compileSchedule({ kind: 'interval', ms: bad }, 'Jobs.beat', T0), (e: unknown) =>
          e instanceof SchedulerError && e.kind === 'invalid-schedule' && e.message.includes('@Interval on Jobs.beat') && e.message.includes(`got ${bad}`));
      });
    }
  });

  describe('when the schedule is a cron expression', () => {
    it('should compute due times with seconds', () => {
      const s = compileSchedule({ kind: 'cron', expression: '*/15 * * * * *' }, 'Jobs.tick', T0);
      assert.equal(iso(s.first(T0)), '2024-01-01T00:00:15.000Z');
      assert.equal(iso(s.after(T0 + 15_000, T0 + 15_002)), '2024-01-01T00:00:30.000Z');
    });

    it('should accept five fields (minutes first)', () => {
      const s = compileSchedule({ kind: 'cron', expression: '30 * * * *' }, 'Jobs.tick', T0);
      assert.equal(iso(s.first(T0)), '2024-01-01T00:30:00.000Z');
    });

    it('should read the expression in its time zone', () => {
      const s = compileSchedule({ kind: 'cron', expression: '0 0 9 * * *', timezone: 'America/New_York' }, 'Jobs.tick', T0);
      assert.equal(iso(s.first(T0)), '2024-01-01T14:00:00.000Z');
      assert.equal(s.description, '0 0 9 * * * (America/New_York)');
    });

    it('should not run again within the same due second when a timer fires early', () => {
      const s = compileSchedule({ kind: 'cron', expression: '*/15 * * * * *' }, 'Jobs.tick', T0);
      assert.equal(iso(s.after(T0 + 15_000, T0 + 14_999)), '2024-01-01T00:00:30.000Z');
    });

    for (const [expression, timezone] of [['61 * * * * *', undefined], ['every minute', undefined], ['* * * *', undefined], ['0 * * * * *', 'Mars/Olympus']] as const) {
      it(`should fail for '${expression}'${timezone ? ` in ${timezone}` : ''}, naming the method and the value`, () => {
        assert.throws(() => compileSchedule({ kind: 'cron', expression, ...(timezone ? { timezone } : {}) }, 'Jobs.tick', T0), (e: unknown) =>
          e instanceof SchedulerError && e.kind === 'invalid-schedule' && e.message.includes('@Cron on Jobs.tick') && e.message.includes(`'${expression}'`) && (!timezone || e.message.includes(timezone)) && e.cause instanceof Error);
      });
    }
  });
});
