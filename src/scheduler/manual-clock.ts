import type { Clock } from './clock.js';

interface PendingTimer { id: number; due: number; fn: () => void }

/**
 * A clock that only moves when told to, for tests of `@Interval` and `@Cron` without sleeps.
 * Pass it as `scheduler: { clock }` when creating the app.
 * @example
 * const clock = new ManualClock();
 * const app = await PaniniFactory.create(AppModule, { scheduler: { clock } });
 * await app.start();
 * await clock.advance(2000); // every timer due in the next 2 s fires, in order
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  /** @param start epoch ms to start at (default 2024-01-01T00:00:00Z, so cron tests are repeatable). */
  constructor(start: number | Date = Date.UTC(2024, 0, 1)) {
    this.time = typeof start === 'number' ? start : start.getTime();
  }

  now(): number { return this.time; }

  setTimer(fn: () => void, ms: number): () => void {
    const timer: PendingTimer = { id: this.seq++, due: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return () => { this.timers = this.timers.filter((t) => t !== timer); };
  }

  /** Timers waiting to fire. */
  get pending(): number { return this.timers.length; }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, earliest first.
   * Between firings it lets pending promise callbacks run, so async work a timer started can
   * move on (and set its next timer) before the next one fires.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + Math.max(0, ms);
    await settle();
    for (;;) {
      const next = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.due);
      next.fn();
      await settle();
    }
    this.time = target;
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
