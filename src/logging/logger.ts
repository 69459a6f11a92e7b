/** Structured fields attached to a log line. */
export type LogMeta = Record<string, unknown>;

/**
 * The logger Panini injects. Inject it by type: each class gets a child whose `context` is the
 * class name. Implemented with winston (see `createLogger`).
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
}
