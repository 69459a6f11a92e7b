/**
 * Where the scheduler gets the time and its timers. The system clock in production; a
 * `ManualClock` in tests, so schedules can be driven without sleeping.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fn` once, `ms` from now. Returns a function that cancels the call. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** Node's `setTimeout` caps delays at 2^31-1 ms (about 24.8 days) and fires at once above it. */
const MAX_DELAY = 2 ** 31 - 1;

/** `Date.now()` and `setTimeout`, with delays longer than Node allows split into steps. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const due = Date.now() + Math.max(0, ms);
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      const left = due - Date.now();
      timer = setTimeout(left > MAX_DELAY ? arm : fn, Math.min(Math.max(0, left), MAX_DELAY));
    };
    arm();
    return () => clearTimeout(timer);
  },
};
