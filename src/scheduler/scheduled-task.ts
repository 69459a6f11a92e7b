import { randomUUID } from 'node:crypto';
import { logScope } from '../logging/log-scope.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from './clock.js';
import { SchedulerError } from './scheduler.errors.js';
import type { TaskDefinition } from './task-definition.js';
import type { TaskErrorInfo, TaskInfo, TaskRunInfo } from './task-info.js';

export interface ScheduledTaskParts {
  clock: Clock;
  log: Logger;
  service: string;
  /** Whether the task runs on its schedule once the scheduler is active. */
  enabled: boolean;
}

interface RunOutcome { run: TaskRunInfo; failed: boolean; error?: unknown }

/**
 * How often skipped runs are reported while one run keeps a task busy: the first skip is logged
 * at once, later ones are counted and summed up in one warning per this many ms (clock time), and
 * once more when the long run ends. A task every second stuck for an hour logs 61 lines, not 3600.
 */
export const SKIP_SUMMARY_MS = 60_000;

/**
 * One task's timer, runs and counters. Every run is awaited here and never rejects: a failure is
 * counted, kept as `lastError` and logged with its stack, and the schedule goes on.
 */
export class ScheduledTask {
  private enabled: boolean;
  /** The scheduler is running (the app has started and is not stopping). */
  private active = false;
  private cancelTimer: (() => void) | undefined;
  private nextDue: number | undefined;
  /** A scheduled (not manual) run has started: a once-task does not run again. */
  private fired = false;
  /** Runs in progress by run id. */
  private readonly inFlight = new Map<string, Promise<RunOutcome>>();
  private readonly counts = { runs: 0, succeeded: 0, failed: 0, skipped: 0 };
  private lastRun: TaskRunInfo | undefined;
  private lastError: TaskErrorInfo | undefined;
  /** Skips since the last warning, and when that warning was written (undefined: none pending). */
  private skips: { since: number; unreported: number } | undefined;

  constructor(readonly def: TaskDefinition, private readonly p: ScheduledTaskParts) {
    this.enabled = p.enabled;
  }

  get name(): string { return this.def.name; }
  get busy(): boolean { return this.inFlight.size > 0; }

  activate(): void {
    this.active = true;
    if (this.enabled) this.armFirst();
  }

  deactivate(): void {
    this.active = false;
    this.disarm();
    this.reportSkips();
  }

  enable(): void {
    this.enabled = true;
    if (this.active && !this.cancelTimer) this.armFirst();
  }

  disable(): void {
    this.enabled = false;
    this.disarm();
  }

  /**
   * Resolves once the runs in progress now have finished, apart from run `except`: a run that
   * stops its own task (or closes the app) would otherwise wait for itself.
   */
  async idle(except?: string): Promise<void> {
    await Promise.all([...this.inFlight].filter(([id]) => id !== except).map(([, run]) => run));
  }

  /** Runs the task now, whatever its schedule; rejects with what the run threw. */
  async trigger(): Promise<TaskRunInfo> {
    if (this.busy && !this.def.overlap) {
      throw new SchedulerError('busy', `task '${this.name}' is still running (run ${this.lastRun?.runId ?? '?'}); wait for it to finish, or allow overlapping runs with { overlap: true }`);
    }
    const outcome = await this.start('manual');
    if (outcome.failed) throw outcome.error;
    return outcome.run;
  }

  info(): TaskInfo {
    return {
      name: this.name,
      className: this.def.cls.name,
      method: this.def.method,
      kind: this.def.schedule.kind,
      schedule: this.def.schedule.description,
      overlap: this.def.overlap,
      enabled: this.enabled,
      running: this.inFlight.size,
      nextRun: this.nextDue === undefined ? undefined : new Date(this.nextDue),
      lastRun: this.lastRun,
      lastError: this.lastError,
      ...this.counts,
    };
  }

  private armFirst(): void {
    if (!this.def.schedule.repeats && this.fired) return;
    this.arm(this.def.schedule.first(this.p.clock.now()));
  }

  private arm(due: number | undefined): void {
    this.disarm();
    if (due === undefined) return;
    this.nextDue = due;
    this.cancelTimer = this.p.clock.setTimer(() => this.onDue(due), due - this.p.clock.now());
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.nextDue = undefined;
  }

  private onDue(due: number): void {
    this.cancelTimer = undefined;
    this.nextDue = undefined;
    this.fired = true;
    // set the next timer first, so neither a slow nor a failing run can stop the schedule
    if (this.def.schedule.repeats) this.arm(this.def.schedule.after(due, this.p.clock.now()));
    if (this.busy && !this.def.overlap) {
      this.skipped(due);
      return;
    }
    // kept in inFlight (shutdown waits for it) and never rejects
    void this.start('schedule');
  }

  /** Counts a skipped run; warns at once for the first, then at most once per `SKIP_SUMMARY_MS`. */
  private skipped(due: number): void {
    this.counts.skipped++;
    const now = this.p.clock.now();
    if (this.skips !== undefined && now - this.skips.since < SKIP_SUMMARY_MS) {
      this.skips.unreported++;
      return;
    }
    if (this.skips === undefined) {
      this.p.log.warn(`task '${this.name}' is still running; skipped the run due at ${new Date(due).toISOString()} (${this.counts.skipped} skipped so far). Allow overlapping runs with { overlap: true }`, { task: this.name, skipped: 1, totalSkipped: this.counts.skipped });
      this.skips = { since: now, unreported: 0 };
      return;
    }
    this.skips.unreported++;
    this.reportSkips(now);
  }

  /** Writes the summary of the skips not reported yet; `now` given: the task is still busy. */
  private reportSkips(now?: number): void {
    const skips = this.skips;
    if (skips === undefined) return;
    this.skips = now === undefined ? undefined : { since: now, unreported: 0 };
    if (skips.unreported === 0) return;
    const seconds = Math.round(((now ?? this.p.clock.now()) - skips.since) / 1000);
    this.p.log.warn(
      `task '${this.name}' skipped ${skips.unreported} more run(s) in the last ${seconds} s while a run was still going (${this.counts.skipped} skipped so far). Allow overlapping runs with { overlap: true }`,
      { task: this.name, skipped: skips.unreported, totalSkipped: this.counts.skipped },
    );
  }

  private start(trigger: TaskRunInfo['trigger']): Promise<RunOutcome> {
    const runId = randomUUID();
    this.counts.runs++;
    const run: Promise<RunOutcome> = logScope
      .run({ service: this.p.service, task: this.name, runId }, () => this.execute(runId, trigger))
      .finally(() => {
        this.inFlight.delete(runId);
        // the long run is over: sum up what it made the schedule skip
        if (this.inFlight.size === 0) this.reportSkips();
      });
    this.inFlight.set(runId, run);
    return run;
  }

  private async execute(runId: string, trigger: TaskRunInfo['trigger']): Promise<RunOutcome> {
    const { clock, log } = this.p;
    const startedAt = clock.now();
    const record = (status: TaskRunInfo['status']): TaskRunInfo => {
      const finished = status === 'running' ? undefined : clock.now();
      const info: TaskRunInfo = { runId, trigger, startedAt: new Date(startedAt), finishedAt: finished === undefined ? undefined : new Date(finished), durationMs: finished === undefined ? undefined : finished - startedAt, status };
      // with overlapping runs, lastRun stays the one started last
      if (status === 'running' || this.lastRun?.runId === runId) this.lastRun = info;
      return info;
    };
    record('running');
    log.debug(`task '${this.name}' started`, { task: this.name, runId, trigger });
    try {
      await this.def.invoke();
    } catch (error) {
      const run = record('failed');
      this.counts.failed++;
      const err = error instanceof Error ? error : new Error(`non-error thrown: ${String(error)}`);
      this.lastError = { runId, at: run.finishedAt!, message: err.message, stack: err.stack, error };
      log.error(`task '${this.name}' failed after ${run.durationMs} ms${this.def.schedule.repeats ? '; its schedule goes on' : ''}`, { task: this.name, runId, error: err });
      return { run, failed: true, error };
    }
    const run = record('succeeded');
    this.counts.succeeded++;
    log.debug(`task '${this.name}' finished in ${run.durationMs} ms`, { task: this.name, runId });
    return { run, failed: false };
  }
}
