import type { Logger } from '../logging/logger.js';

/** At most one overload line per handler in this window, so a flood of shed messages is one line, not a flood. */
export const SHED_LOG_INTERVAL_MS = 5000;

/**
 * The warnings of one overloaded handler. The first shed message of a quiet period is logged at
 * once; later ones are counted and summed up in one line per interval while shedding goes on.
 */
export class ShedLog {
  private events = 0;
  private requests = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly log: Logger, private readonly handler: string, private readonly limits: string) {}

  note(kind: 'event' | 'request'): void {
    if (kind === 'event') this.events++;
    else this.requests++;
    if (this.timer !== undefined) return;
    this.write(`${this.handler} is overloaded, its backlog is full (${this.limits})`, `; more at most every ${SHED_LOG_INTERVAL_MS / 1000} s`);
    this.timer = setTimeout(this.tick, SHED_LOG_INTERVAL_MS);
    // a pending summary must not keep the process alive
    this.timer.unref();
  }

  /** Writes what was counted since the last line and stops the timer (the app is shutting down). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.events + this.requests > 0) this.write(`${this.handler} was overloaded`, ' since the last line');
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    if (this.events + this.requests === 0) return;
    this.write(`${this.handler} is still overloaded`, ` in the last ${SHED_LOG_INTERVAL_MS / 1000} s`);
    this.timer = setTimeout(this.tick, SHED_LOG_INTERVAL_MS);
    this.timer.unref();
  };

  private write(head: string, tail: string): void {
    const fields = { handler: this.handler, shedEvents: this.events, refusedRequests: this.requests };
    this.log.warn(`${head}: shed ${this.events} event(s) and answered ${this.requests} request(s) 503${tail}`, fields);
    this.events = 0;
    this.requests = 0;
  }
}
