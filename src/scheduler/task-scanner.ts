import type { DiscoveredInstance } from '../discovery.js';
import { scheduledMethods, schedulesOf } from '../metadata/schedule.decorators.js';
import type { Type } from '../metadata/types.js';
import { compileSchedule } from './schedules.js';
import { SchedulerError } from './scheduler.errors.js';
import type { TaskDefinition } from './task-definition.js';

/**
 * Finds the scheduled methods of the app's singletons and validates their schedules, so a bad
 * one fails while the app is created, before anything runs. Aliases of one instance count once.
 */
export function scanTasks(instances: readonly DiscoveredInstance[], now: number): TaskDefinition[] {
  const seen = new Set<object>();
  const byName = new Map<string, { def: TaskDefinition; module: string }>();
  for (const item of instances) {
    const instance = item.instance;
    if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
    seen.add(instance);
    const cls = item.cls ?? (instance.constructor as Type | undefined);
    if (typeof cls !== 'function') continue;
    for (const method of scheduledMethods(cls)) {
      const def = define(instance as Record<string, unknown>, cls, method, now);
      const clash = byName.get(def.name);
      if (clash) {
        const where = clash.def.cls === cls ? `two instances of ${cls.name} (in modules ${clash.module} and ${item.module}); provide ${cls.name} once` : `${clash.def.cls.name}.${clash.def.method} and ${cls.name}.${method}; give one a different { name }`;
        throw new SchedulerError('duplicate-task', `two tasks are named '${def.name}': ${where}`);
      }
      byName.set(def.name, { def, module: item.module });
    }
  }
  return [...byName.values()].map((v) => v.def);
}

/** Whether any instance has a `@Task`, `@Interval` or `@Cron` method: metadata only, nothing compiled. */
export function hasScheduledWork(instances: readonly DiscoveredInstance[]): boolean {
  return instances.some((item) => {
    const instance = item.instance;
    if (!instance || typeof instance !== 'object') return false;
    const cls = item.cls ?? (instance.constructor as Type | undefined);
    return typeof cls === 'function' && scheduledMethods(cls).length > 0;
  });
}

function define(instance: Record<string, unknown>, cls: Type, method: string, now: number): TaskDefinition {
  const where = `${cls.name}.${method}`;
  const schedules = schedulesOf(cls, method);
  if (schedules.length > 1) {
    throw new SchedulerError('invalid-schedule', `${where} has ${schedules.length} schedules (${schedules.map((s) => s.decorator).join(', ')}); a method takes one: move the others to methods of their own`);
  }
  const { decorator, spec, options } = schedules[0]!;
  const fn = instance[method];
  if (typeof fn !== 'function') throw new SchedulerError('invalid-schedule', `${decorator} on ${where}: ${method} is not a method of the instance`);
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name.trim() === '')) {
    throw new SchedulerError('invalid-schedule', `${decorator} on ${where}: the name must be a non-empty string, got ${JSON.stringify(options.name)}`);
  }
  return {
    name: options.name ?? where,
    cls,
    method,
    schedule: compileSchedule(spec, where, now),
    overlap: options.overlap === true,
    invoke: () => (fn as () => unknown).call(instance),
  };
}
