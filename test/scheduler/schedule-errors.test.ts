import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerError } from '../../src/index.js';
import { compileSchedule } from '../../src/scheduler/schedules.js';

describe('Schedule start-up errors', () => {
  describe('when croner refuses a cron expression', () => {
    it("should name the class and method and keep croner's error as cause", () => {
      assert.throws(() => compileSchedule({ kind: 'cron', expression: '61 * * * *' }, 'ReportsService.nightly', Date.UTC(2024, 0, 1)), (err: unknown) => {
        assert.ok(err instanceof SchedulerError);
        assert.match(err.message, /^@Cron on ReportsService\.nightly: invalid cron expression '61 \* \* \* \*': /);
        assert.ok(err.cause instanceof Error);
        assert.ok(err.message.endsWith(err.cause.message), 'the message carries what croner said');
        return true;
      });
    });

    it('should name the time zone croner could not use', () => {
      assert.throws(() => compileSchedule({ kind: 'cron', expression: '0 * * * *', timezone: 'Mars/Olympus' }, 'A.run', Date.UTC(2024, 0, 1)), (err: unknown) =>
        err instanceof SchedulerError && /@Cron on A\.run: invalid cron expression '0 \* \* \* \*' \(timezone 'Mars\/Olympus'\)/.test(err.message) && err.cause instanceof Error);
    });
  });
});
