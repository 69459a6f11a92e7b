import type { AppComponent } from '../app-component.js';
import type { DiscoveryService } from '../discovery.js';
import type { Logger } from '../logging/logger.js';
import { currentScope } from '../logging/log-scope.js';
import { systemClock, type Clock } from './clock.js';
import { ScheduledTask } from './scheduled-task.js';
import { SchedulerError } from './scheduler.errors.js';
import type { SchedulerOptions } from './scheduler-options.js';
import type { TaskInfo, TaskRunInfo } from './task-info.js';
import { scanTasks } from './task-scanner.js';

export interface SchedulerParts extends SchedulerOptions {
  discovery: DiscoveryService;
  /** The app's root logger: the scheduler logs as 'Scheduler', a task's runs as its class. */
  logger: Logger;
  service: string;
}

type Phase = 'created' | 'running' | 'stopped';

/**
 * Runs the app's `@Task`, `@Interval` and `@Cron` methods, and lets you look at and steer them
 * by name while the app runs. Inject it like any provider.
 * @example
 * constructor(private readonly scheduler: Scheduler) {}
 * await this.scheduler.stop('ReportsService.nightly');
 * const run = await this.scheduler.trigger('ReportsService.nightly');
 */
export class Scheduler {
  /** How the app starts and stops the scheduler (placed last in the app's order by the factory). */
  readonly lifecycle: AppComponent = {
    start: async () => this.startAll(),
    stop: (deadline) => this.shutdown(deadline),
  };
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private phase: Phase = 'created';
  private loaded = false;

  constructor(private readonly p: SchedulerParts) {
    this.clock = p.clock ?? systemClock;
    this.log = p.logger.child('Scheduler');
  }

  /**
   * Finds and validates the scheduled methods of the app's instances. Called once by the
   * factory, so an invalid schedule fails `PaniniFactory.create` before anything runs.
   */
  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    for (const def of scanTasks(this.p.discovery.all(), this.clock.now())) {
      this.tasks.set(def.name, new ScheduledTask(def, { clock: this.clock, log: this.p.logger.child(def.cls.name), service: this.p.service, enabled: this.p.autoStart !== false }));
    }
  }

  /** Every task with its schedule, next run, last run, last error and counters. */
  list(): TaskInfo[] {
    return [...this.tasks.values()].map((t) => t.info());
  }

  /** One task by name. */
  get(name: string): TaskInfo {
    return this.task(name).info();
  }

  /**
   * Puts a task (or, without a name, every task) back on its schedule. A stopped interval
   * starts a fresh period; a `@Task` that has already run at start does not run again.
   */
  start(name?: string): void {
    if (this.phase === 'stopped') throw new SchedulerError('stopped', `cannot start ${name === undefined ? 'tasks' : `task '${name}'`}: the app is shutting down or closed`);
    for (const t of this.select(name)) t.enable();
  }

  /**
   * Takes a task (or every task) off its schedule, then waits for its runs in progress (a run
   * stopping its own task does not wait for itself). `trigger` still runs it on demand.
   */
  async stop(name?: string): Promise<void> {
    const tasks = this.select(name);
    for (const t of tasks) t.disable();
    await Promise.all(tasks.map((t) => t.idle(currentScope()?.runId)));
  }

  /**
   * Runs a task now and resolves when the run has finished; rejects with what it threw. Fails
   * with a `SchedulerError` of kind 'busy' if the task is running and does not allow overlap.
   */
  async trigger(name: string): Promise<TaskRunInfo> {
    const task = this.task(name);
    if (this.phase === 'stopped') throw new SchedulerError('stopped', `cannot run task '${name}': the app is shutting down or closed`);
    return task.trigger();
  }

  private startAll(): void {
    if (this.phase !== 'created') return;
    this.phase = 'running';
    for (const t of this.tasks.values()) t.activate();
    const enabled = [...this.tasks.values()].filter((t) => t.info().enabled).length;
    if (this.tasks.size) this.log.info(`${this.tasks.size} task(s), ${enabled} scheduled`);
  }

  private async shutdown(deadline: number): Promise<void> {
    this.phase = 'stopped';
    for (const t of this.tasks.values()) t.deactivate();
    // a task that closes the app is not waited for: it is waiting for the close
    const self = currentScope()?.runId;
    const busy = [...this.tasks.values()].filter((t) => t.busy);
    if (!busy.length) return;
    const names = (list: ScheduledTask[]): string => list.map((t) => `'${t.name}'`).join(', ');
    this.log.info(`waiting for running task(s) ${names(busy)}`);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.log.warn(`task(s) ${names(busy.filter((t) => t.busy))} still running at the shutdown deadline; closing without them`);
        resolve();
      }, Math.max(0, deadline - Date.now()));
    });
    try {
      await Promise.race([Promise.all(busy.map((t) => t.idle(self))), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private task(name: string): ScheduledTask {
    const task = this.tasks.get(name);
    if (!task) {
      const known = [...this.tasks.keys()];
      throw new SchedulerError('unknown-task', `no task is named '${name}'. ${known.length ? `Known tasks: ${known.join(', ')}` : 'The app has no @Task, @Interval or @Cron methods'}`);
    }
    return task;
  }

  private select(name: string | undefined): ScheduledTask[] {
    return name === undefined ? [...this.tasks.values()] : [this.task(name)];
  }
}
