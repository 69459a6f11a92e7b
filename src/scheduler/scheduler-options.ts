import type { Clock } from './clock.js';

/** `PaniniOptions.scheduler`. */
export interface SchedulerOptions {
  /**
   * Start every task's schedule when the app starts (default true). With `false` (tests),
   * nothing runs on its own: start tasks with `Scheduler.start(name)` or run them with `trigger(name)`.
   */
  autoStart?: boolean;
  /** Where time and timers come from (default the system clock; a `ManualClock` in tests). */
  clock?: Clock;
}
