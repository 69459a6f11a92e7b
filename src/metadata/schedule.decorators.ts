import { get, metaKey, push } from './reflect.js';
import type { Type } from './types.js';

/** Options every scheduled method takes. */
export interface TaskOptions {
  /** The name the `Scheduler` knows the task by (default `ClassName.method`). */
  name?: string;
  /** Start a run even when the previous one is still going (default false: the run is skipped and counted). */
  overlap?: boolean;
}

export interface CronOptions extends TaskOptions {
  /** IANA time zone the expression is read in, such as 'Europe/Oslo' (default: the process's). */
  timezone?: string;
}

/** When a scheduled method runs, as written on the decorator (validated when the app is created). */
export type ScheduleSpec =
  | { readonly kind: 'once' }
  | { readonly kind: 'interval'; readonly ms: number }
  | { readonly kind: 'cron'; readonly expression: string; readonly timezone?: string };

export interface ScheduleDefinition {
  readonly decorator: '@Task' | '@Interval' | '@Cron';
  readonly spec: ScheduleSpec;
  readonly options: TaskOptions;
}

export const SCHEDULES = metaKey<ScheduleDefinition[]>('schedules');
/** The methods of a class that carry a schedule (kept on the prototype). */
export const SCHEDULED_METHODS = metaKey<string[]>('scheduled-methods');

function record(def: ScheduleDefinition): MethodDecorator {
  return (target, key) => {
    const name = String(key);
    if (!(get(SCHEDULES, target, name) ?? []).length) push(SCHEDULED_METHODS, name, target);
    push(SCHEDULES, def, target, name);
  };
}

/**
 * Runs the method once, after the app has started (connected, subscribed, bootstrapped).
 * @example
 * @Task()
 * async warmUp() { await this.cache.load(); }
 */
export function Task(options: TaskOptions = {}): MethodDecorator {
  return record({ decorator: '@Task', spec: { kind: 'once' }, options });
}

/**
 * Runs the method every `ms` milliseconds, the first time `ms` after the app has started.
 * @example
 * @Interval(2000)
 * heartbeat() { this.nats.publish('svc.heartbeat', { at: Date.now() }); }
 */
export function Interval(ms: number, options: TaskOptions = {}): MethodDecorator {
  return record({ decorator: '@Interval', spec: { kind: 'interval', ms }, options });
}

/**
 * Runs the method on a cron schedule: 5 fields, or 6 with seconds first (parsed by croner).
 * @example
 * @Cron('0 30 2 * * *', { timezone: 'Europe/Oslo' })
 * async nightly() { await this.reports.build(); }
 */
export function Cron(expression: string, options: CronOptions = {}): MethodDecorator {
  const { timezone, ...rest } = options;
  return record({ decorator: '@Cron', spec: { kind: 'cron', expression, ...(timezone !== undefined ? { timezone } : {}) }, options: rest });
}

export function scheduledMethods(cls: Type): string[] {
  return get(SCHEDULED_METHODS, cls.prototype as object) ?? [];
}

export function schedulesOf(cls: Type, method: string): ScheduleDefinition[] {
  return get(SCHEDULES, cls.prototype as object, method) ?? [];
}
