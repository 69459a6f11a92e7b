export type SchedulerErrorKind =
  /** An invalid cron expression or time zone, or an interval that is not a positive finite number. */
  | 'invalid-schedule'
  /** Two tasks with the same name. */
  | 'duplicate-task'
  /** No task has the name asked for. */
  | 'unknown-task'
  /** A trigger while the task is still running and does not allow overlapping runs. */
  | 'busy'
  /** The app is shutting down or closed. */
  | 'stopped';

/** Every scheduler failure. `kind` lets callers branch; the message says what to change. */
export class SchedulerError extends Error {
  constructor(readonly kind: SchedulerErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchedulerError';
  }
}
