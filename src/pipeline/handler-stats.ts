/** Counters per handler, readable through `app.stats()`. */
export interface HandlerStats {
  subject: string;
  /** The handler's subject as written (`orders.{id}.get`): a bounded label for metrics. */
  pattern: string;
  handler: string;
  queue: string | false;
  received: number;
  handled: number;
  failed: number;
  /** Events that failed (no reply subject to tell), logged and counted here. */
  failedEvents: number;
  inFlight: number;
  /** Messages queued for a free slot, not started yet (at most `backlog.maxMessages`). */
  waiting: number;
  /** Payload bytes of the waiting messages (at most `backlog.maxBytes`). */
  waitingBytes: number;
  /** Events dropped without running: the backlog was full, or they were still queued at the shutdown deadline. */
  shed: number;
  /** Requests answered 503 without running, for the same two reasons. */
  refused: number;
}

/**
 * The live list of every runner's counters (what `app.stats()` returns), for capabilities that
 * read them on demand (`$SRV` STATS, a metrics scrape) instead of listening on the hot path.
 */
export const HANDLER_STATS = Symbol('panini:handler-stats');
