import type { LogLimits } from './log-limits.js';

/**
 * How the app logs. Every field is optional. Precedence, highest first: these options,
 * then `LOG_LEVEL` / `LOG_FORMAT`, then `config/logging.json`, then the defaults.
 * @example
 * await PaniniFactory.create(AppModule, { logging: { level: 'debug', dir: 'logs', worker: true } });
 */
export interface LoggingOptions {
  /** 'error' | 'warn' | 'info' | 'http' | 'verbose' | 'debug' | 'silly' (default: `LOG_LEVEL`, else 'info'). */
  level?: string;
  /** 'pretty' (readable lines, colored on a terminal) or 'json' (default: `LOG_FORMAT`, else pretty on a terminal, json otherwise). */
  format?: 'pretty' | 'json';
  /** Write no lines at all (tests). */
  silent?: boolean;
  /** Write lines to standard output (default true). Files, when enabled, are written either way. */
  console?: boolean;
  /**
   * Opt-in files: `app.log` (every line) and `errors.log` (errors only), JSON lines, in this
   * folder (relative to `root`), rotated by size. Without it nothing is written to disk.
   */
  dir?: string;
  /** Rotate a file once it would grow past this size: bytes, or a string such as '10MB', '512KB' (default 10MB). */
  maxSize?: number | string;
  /** Keep at most this many rotated files per log: `app.log.1` (newest) .. `app.log.N` (default 5). */
  maxFiles?: number;
  /** Format and write in a worker thread so bursts of logging do not stall message handling (default false). */
  worker?: boolean;
  /** The app root: where `config/logging.json` is looked for and `dir` is resolved from (default: the working directory). */
  root?: string;
  /** Attach subject, request id and service to every line logged while a message is handled (default true). */
  context?: boolean;
  /**
   * How much of logged meta is kept: items of arrays, Sets and Maps (default 1000), nesting
   * levels (default 8) and characters of strings (default 100000). Every cut is marked in the
   * line (`…and 500 more items`, `[Object cut at depth 8]`, `…[cut 9000 chars]`).
   */
  meta?: Partial<LogLimits>;
  /** A `service` field on every line (`PaniniFactory.create` sets it to the app's name). */
  service?: string;
}
