/** Structured fields attached to a log line. */
export type LogMeta = Record<string, unknown>;

/**
 * The logger Panini injects. Inject it by type: each class gets a child whose `context` is the
 * class name (`@InjectLogger('name')` picks another). Implemented with winston (see `createLogger`).
 * @example
 * constructor(private readonly log: Logger) {}
 * this.log.info('order created', { id });
 */
export abstract class Logger {
  abstract error(message: string, meta?: LogMeta | Error): void;
  abstract warn(message: string, meta?: LogMeta | Error): void;
  abstract info(message: string, meta?: LogMeta): void;
  abstract debug(message: string, meta?: LogMeta): void;
  /** A logger whose lines carry `context` (a class or component name). */
  abstract child(context: string): Logger;
  /** Resolves once every line logged so far is written. */
  flush?(): Promise<void>;
  /** Flushes and releases files and threads; the app calls it last in `close()` for a logger it created. */
  close?(): Promise<void>;
}
