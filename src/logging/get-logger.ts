import { writeSync } from 'node:fs';
import { Logger, type LogMeta } from './logger.js';
import { buildRecord, type LogRecord, type RecordSource } from './log-record.js';
import { formatJson } from './log-format.js';
import { WinstonLogger } from './winston-logger.js';
import { LEVELS } from './resolve-logging.js';

/** Lines kept before any app's logger exists; past this, the oldest are dropped (and counted). */
const MAX_EARLY = 10_000;

let root: Logger | undefined;
let early: Array<{ context: string | undefined; rec: LogRecord }> = [];
let dropped = 0;
let exitHook = false;
const source: RecordSource = { service: undefined, scoped: true };

/**
 * A logger for code outside the container (module top level, scripts, helpers). Usable at
 * once, also before the app starts: lines logged while no app's logger is configured (before the
 * app is created, or after it closed) are kept with their time and scope, and written once one
 * is, or on standard output when the process exits. Otherwise lines go to the most recently
 * created app's logger.
 * @example
 * const log = getLogger('migrations');
 * log.info('schema up to date', { version: 12 });
 */
export function getLogger(context?: string): Logger {
  return new DeferredLogger(context);
}

/**
 * Makes `logger` the target of every `getLogger` logger and writes the lines they kept so far.
 * `PaniniFactory.create` calls it with the app's logger.
 */
export function setRootLogger(logger: Logger): void {
  if (logger instanceof DeferredLogger) throw new TypeError('setRootLogger needs a logger that writes lines (createLogger(), or your own), not one from getLogger()');
  root = logger;
  const kept = early;
  early = [];
  if (dropped > 0) {
    logger.child('Logging').warn(`${dropped} line(s) logged before the app's logger was configured were dropped (only the last ${MAX_EARLY} are kept)`);
    dropped = 0;
  }
  for (const { context, rec } of kept) replay(logger, context, rec);
}

/** Stops sending `getLogger` lines to `logger` (once it is closed); they are kept for the next one. */
export function releaseRootLogger(logger: Logger): void {
  if (root === logger) root = undefined;
}

function replay(logger: Logger, context: string | undefined, rec: LogRecord): void {
  if (logger instanceof WinstonLogger) return logger.writeRecord(rec);
  // another Logger: time and scope fields travel as meta
  const meta: LogMeta = {};
  for (const key in rec.fields) if (key !== 'context') meta[key] = rec.fields[key];
  const target = context === undefined ? logger : logger.child(context);
  const method = rec.level === 'error' || rec.level === 'warn' || rec.level === 'info' ? rec.level : 'debug';
  target[method](rec.message, { ...meta, loggedAt: new Date(rec.time).toISOString() });
}

function keep(context: string | undefined, rec: LogRecord): void {
  if (early.length >= MAX_EARLY) {
    early.shift();
    dropped++;
  }
  early.push({ context, rec });
  if (!exitHook) {
    exitHook = true;
    // never configured: write what was kept rather than lose it
    process.on('exit', () => {
      const env = process.env['LOG_LEVEL']?.trim().toLowerCase();
      const limit = LEVELS[env ?? 'info'] ?? LEVELS['info']!;
      for (const { rec: r } of early) {
        if ((LEVELS[r.level] ?? 0) > limit) continue;
        try {
          writeSync(r.level === 'error' ? 2 : 1, `${formatJson(r)}\n`);
        } catch {
          // standard output is gone: nowhere left to write
        }
      }
      early = [];
    });
  }
}

class DeferredLogger extends Logger {
  private target: Logger | undefined;
  private targetRoot: Logger | undefined;

  constructor(private readonly context: string | undefined) {
    super();
  }

  error(message: string, meta?: LogMeta | Error): void { this.write('error', message, meta); }
  warn(message: string, meta?: LogMeta | Error): void { this.write('warn', message, meta); }
  info(message: string, meta?: LogMeta): void { this.write('info', message, meta); }
  debug(message: string, meta?: LogMeta): void { this.write('debug', message, meta); }
  child(context: string): Logger { return new DeferredLogger(context); }
  override flush(): Promise<void> { return root?.flush?.() ?? Promise.resolve(); }

  private write(level: 'error' | 'warn' | 'info' | 'debug', message: string, meta: LogMeta | Error | undefined): void {
    const current = root;
    if (current === undefined) return keep(this.context, buildRecord(source, this.context, level, message, meta));
    if (this.targetRoot !== current) {
      this.targetRoot = current;
      this.target = this.context === undefined ? current : current.child(this.context);
    }
    this.target![level](message, meta as LogMeta);
  }
}
