/** How the app logs. Every field is optional; see the README's Logging section. */
export interface LoggingOptions {
  /** 'error' | 'warn' | 'info' | 'debug' (default: `LOG_LEVEL`, else 'info'). */
  level?: string;
  /** 'pretty' (colored lines) or 'json' (default: `LOG_FORMAT`, else pretty on a terminal, json otherwise). */
  format?: 'pretty' | 'json';
  /** Write no lines at all (tests). */
  silent?: boolean;
  /** Opt-in files: an application log and an errors-only log in this folder, rotated by size. */
  dir?: string;
  /** Rotate a file once it reaches this many bytes (default 10 MiB). */
  maxSize?: number;
  /** Keep at most this many rotated files per log (default 5). */
  maxFiles?: number;
  /** Format and write in a worker thread so bursts of logging do not stall message handling. */
  worker?: boolean;
  /** Where to look for `config/logging.json` (default: the working directory). */
  root?: string;
  /** Attach subject, request id and service to every line logged while a message is handled (default true). */
  context?: boolean;
}
