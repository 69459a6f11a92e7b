import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

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

const BRAND = brandFor('SchedulerError');

/** Every scheduler failure. `kind` lets callers branch; the message says what to change. */
export class SchedulerError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a SchedulerError from any installed copy of Panini. */
  static is(value: unknown): value is SchedulerError {
    return hasBrand(value, BRAND);
  }

  constructor(readonly kind: SchedulerErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchedulerError';
  }
}
