import type winston from 'winston';
import type { Worker } from 'node:worker_threads';
import { WorkerSink } from './worker.sink.js';
import { Logger, type LogMeta } from './logger.js';
import { DEFAULT_LOG_LIMITS, type LogLimits } from './log-limits.js';
import { buildRecord, encodeRecord, type LogRecord, type RecordSource } from './log-record.js';
import { ThreadSink, toInfo, type LogSink } from './thread.sink.js';

/**
 * Whether transports were added to the winston logger. winston's `transports` getter builds an
 * array on every read; this runs on every line, so it reads the stream state it is built from.
 */
function hasTransports(w: winston.Logger): boolean {
  const state = (w as unknown as { _readableState?: { pipes?: unknown } })._readableState;
  if (state === undefined || !('pipes' in state)) return w.transports.length > 0;
  const { pipes } = state;
  return Array.isArray(pipes) ? pipes.length > 0 : pipes !== null && pipes !== undefined;
}

/** What a root logger and all its children share. */
export class LogCore implements RecordSource {
  private closing: Promise<void> | undefined;
  private afterClose: LogSink | undefined;

  constructor(
    readonly winston: winston.Logger,
    private readonly sink: LogSink,
    readonly service: string | undefined,
    readonly scoped: boolean,
    private readonly silent: boolean,
    /** Where lines logged after close() go (standard output or error), so none is lost. */
    private readonly makeAfterClose: (() => LogSink) | undefined,
    readonly limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {}

  /** The logging worker thread, while one runs. */
  get thread(): Worker | undefined {
    return this.sink instanceof WorkerSink ? this.sink.thread : undefined;
  }

  enabled(level: string): boolean {
    if (this.silent) return false;
    const w = this.winston;
    const limit = w.levels[w.level];
    const rank = w.levels[level];
    return rank !== undefined && limit !== undefined && rank <= limit;
  }

  /** Logs one call: serialised straight for the worker when nothing else needs the record. */
  log(context: string | undefined, level: string, message: unknown, meta: LogMeta | Error | undefined): void {
    if (!this.enabled(level)) return;
    const sink = this.sink;
    if (this.afterClose === undefined && sink instanceof WorkerSink && !hasTransports(this.winston)) sink.writeWire(encodeRecord(this, context, level, message, meta));
    else this.emit(buildRecord(this, context, level, message, meta));
  }

  emit(rec: LogRecord): void {
    if (this.afterClose) return this.afterClose.write(rec);
    this.sink.write(rec);
    // with a worker, the built-in outputs run there; transports added to `winston` run here
    if (!(this.sink instanceof ThreadSink) && hasTransports(this.winston)) this.winston.log(toInfo(rec));
  }

  flush(): Promise<void> {
    return this.closing ?? this.sink.flush();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.sink.close();
      if (!(this.sink instanceof ThreadSink) && this.winston.transports.length > 0) await new ThreadSink(this.winston).close();
      this.afterClose = this.makeAfterClose?.();
    })();
    return this.closing;
  }
}

/**
 * Panini's Logger over winston. Children share the root's outputs and add a `context`.
 * Reach winston itself with `.winston` (to add a transport, or change `.winston.level`).
 * @example
 * const logger = createLogger({ level: 'debug' });
 * logger.winston.add(new winston.transports.Http({ host: 'logs.internal' }));
 * logger.child('Billing').info('invoice sent', { id: 7 });
 */
export class WinstonLogger extends Logger {
  private readonly core: LogCore;

  /** Wraps a ready winston logger (its transports and formats are used as they are), or a core from `createLogger`. */
  constructor(target: winston.Logger | LogCore, private readonly context?: string) {
    super();
    this.core = target instanceof LogCore ? target : new LogCore(target, new ThreadSink(target), undefined, true, false, undefined);
  }

  /** The winston logger underneath. With `worker: true`, transports you add here run on the main thread. */
  get winston(): winston.Logger { return this.core.winston; }

  error(message: string, meta?: LogMeta | Error): void { this.write('error', message, meta); }
  warn(message: string, meta?: LogMeta | Error): void { this.write('warn', message, meta); }
  info(message: string, meta?: LogMeta): void { this.write('info', message, meta); }
  debug(message: string, meta?: LogMeta): void { this.write('debug', message, meta); }
  /** Logs at any winston level ('http', 'verbose', 'silly' too). */
  log(level: string, message: string, meta?: LogMeta | Error): void { this.write(level, message, meta); }
  child(context: string): WinstonLogger { return new WinstonLogger(this.core, context); }

  /** The logging worker thread with `worker: true`, until it stops (for diagnostics: `threadId`, `resourceLimits`). */
  get workerThread(): Worker | undefined { return this.core.thread; }

  /** Whether a line of this level would be written: skip building costly meta otherwise. */
  isLevelEnabled(level: string): boolean { return this.core.enabled(level); }

  /** Resolves once every line logged so far is written (by the worker too). */
  override flush(): Promise<void> { return this.core.flush(); }

  /**
   * Flushes, then closes the files and stops the worker. Lines logged afterwards still go to
   * standard output (standard error when `console` is off), never nowhere. Safe to call twice.
   */
  override close(): Promise<void> { return this.core.close(); }

  /** Writes a record built elsewhere (lines `getLogger` kept before the app's logger existed). @internal */
  writeRecord(rec: LogRecord): void {
    if (!this.core.enabled(rec.level)) return;
    const { service } = this.core;
    this.core.emit(rec.fields['service'] !== undefined || service === undefined ? rec : { ...rec, fields: { service, ...rec.fields } });
  }

  private write(level: string, message: string, meta: LogMeta | Error | undefined): void {
    this.core.log(this.context, level, message, meta);
  }
}
