/** Counters per handler, readable through `app.stats()`. */
export interface HandlerStats {
  subject: string;
  handler: string;
  queue: string | false;
  received: number;
  handled: number;
  failed: number;
  /** Events that failed (no reply subject to tell), logged and counted here. */
  failedEvents: number;
  inFlight: number;
  waiting: number;
}
