/** One run of a task. */
export interface TaskRunInfo {
  readonly runId: string;
  /** 'schedule' when its time came, 'manual' for `Scheduler.trigger`. */
  readonly trigger: 'schedule' | 'manual';
  readonly startedAt: Date;
  readonly finishedAt: Date | undefined;
  readonly durationMs: number | undefined;
  readonly status: 'running' | 'succeeded' | 'failed';
}

export interface TaskErrorInfo {
  readonly runId: string;
  readonly at: Date;
  readonly message: string;
  readonly stack: string | undefined;
  /** What was thrown. */
  readonly error: unknown;
}

/** What `Scheduler.list()` tells about a task: plain data, ready to print or serve. */
export interface TaskInfo {
  readonly name: string;
  readonly className: string;
  readonly method: string;
  readonly kind: 'once' | 'interval' | 'cron';
  /** 'once at start', 'every 2000 ms' or the cron expression (with its time zone). */
  readonly schedule: string;
  readonly overlap: boolean;
  /** Started: runs on its schedule while the app runs (see `Scheduler.start`/`stop`). */
  readonly enabled: boolean;
  /** Runs in progress. */
  readonly running: number;
  readonly nextRun: Date | undefined;
  /** The run started last. */
  readonly lastRun: TaskRunInfo | undefined;
  readonly lastError: TaskErrorInfo | undefined;
  /** Runs started (scheduled and manual). */
  readonly runs: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Times the task was due while still running and did not allow overlap. */
  readonly skipped: number;
}
