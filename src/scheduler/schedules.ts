import { createRequire } from 'node:module';
import type { Cron as CronPattern } from 'croner';
import type { ScheduleSpec } from '../metadata/schedule.decorators.js';
import { SchedulerError } from './scheduler.errors.js';

/** When a task is due, as pure calculations over epoch milliseconds. */
export interface Schedule {
  readonly kind: ScheduleSpec['kind'];
  /** For people: 'once at start', 'every 2000 ms', or the cron expression. */
  readonly description: string;
  /** Whether the schedule fires more than once. */
  readonly repeats: boolean;
  /** The first due time when the schedule starts at `now`; undefined when it never fires. */
  first(now: number): number | undefined;
  /** The due time after the one at `due`, later than `now` (missed times are not made up for). */
  after(due: number, now: number): number | undefined;
}

/**
 * Turns a decorator's spec into a schedule, or fails naming `where` (`Class.method`) and the value.
 * Cron expressions go through croner, which reads 5 fields, or 6 with seconds first.
 */
export function compileSchedule(spec: ScheduleSpec, where: string, now: number): Schedule {
  if (spec.kind === 'once') return { kind: 'once', description: 'once at start', repeats: false, first: (t) => t, after: () => undefined };
  if (spec.kind === 'interval') return intervalSchedule(spec.ms, where);
  return cronSchedule(spec.expression, spec.timezone, where, now);
}

function intervalSchedule(ms: number, where: string): Schedule {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new SchedulerError('invalid-schedule', `@Interval on ${where}: the interval must be a positive, finite number of milliseconds, got ${String(ms)}`);
  }
  return {
    kind: 'interval',
    description: `every ${ms} ms`,
    repeats: true,
    first: (now) => now + ms,
    // fixed rate: keep the phase of the first run, skipping whole periods that have passed
    after: (due, now) => due + (Math.floor(Math.max(0, now - due) / ms) + 1) * ms,
  };
}

let CronClass: typeof CronPattern | undefined;
/** croner, loaded on the first cron expression: an app without `@Cron` never loads it. */
function cronClass(): typeof CronPattern {
  return (CronClass ??= (createRequire(import.meta.url)('croner') as { Cron: typeof CronPattern }).Cron);
}

function cronSchedule(expression: string, timezone: string | undefined, where: string, now: number): Schedule {
  const shown = `'${String(expression)}'${timezone !== undefined ? ` (timezone '${timezone}')` : ''}`;
  let pattern: CronPattern;
  try {
    if (typeof expression !== 'string') throw new TypeError('the expression must be a string');
    // no callback: croner only parses and computes dates here; the scheduler owns the timers
    pattern = new (cronClass())(expression, timezone !== undefined ? { timezone } : {});
    pattern.nextRun(new Date(now)); // an unknown time zone only shows when a date is computed
  } catch (err) {
    throw new SchedulerError('invalid-schedule', `@Cron on ${where}: invalid cron expression ${shown}: ${(err as Error).message}`, { cause: err });
  }
  const next = (t: number): number | undefined => pattern.nextRun(new Date(t))?.getTime();
  return {
    kind: 'cron',
    description: timezone !== undefined ? `${expression} (${timezone})` : expression,
    repeats: true,
    first: next,
    after: (due, now) => next(Math.max(due, now)),
  };
}
