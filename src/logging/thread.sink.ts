import winston from 'winston';
import type TransportStream from 'winston-transport';
import type { LogRecord } from './log-record.js';
import type { LogOutputs } from './log-outputs.js';
import { toLogFields } from './redact.js';
import { formatJson } from './log-format.js';

/** Where a logger's records go: winston on this thread, or the logging worker. */
export interface LogSink {
  write(rec: LogRecord): void;
  /** Resolves once every record written so far is out. */
  flush(): Promise<void>;
  /** Flushes, then releases files and threads. */
  close(): Promise<void>;
}

/** The record behind a winston info object, so Panini's transport formats the original. */
const RECORD = Symbol('panini:record');
/** The line as JSON, made once by the logger's format for every transport that wants it. */
const JSON_LINE = Symbol('panini:json');
/** winston's (triple-beam's) key for the formatted line a transport writes. */
const MESSAGE = Symbol.for('message');
type Info = winston.LogEntry & { [RECORD]?: LogRecord; [JSON_LINE]?: string; [MESSAGE]?: unknown };

/** A record as a winston info object: `{ timestamp, level, message, ...fields }`. */
export function toInfo(rec: LogRecord): Info {
  const info: Info = { timestamp: new Date(rec.time).toISOString(), level: rec.level, message: rec.message, ...rec.fields };
  info[RECORD] = rec;
  return info;
}

/** The record of an info object; one logged straight through `logger.winston` gets one built. */
function recordOf(info: Info): LogRecord {
  const rec = info[RECORD];
  if (rec) return rec;
  const { level, message, timestamp, ...rest } = info as Record<string, unknown>;
  const time = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  return { time: Number.isNaN(time) ? Date.now() : time, level: String(level), message: String(message), fields: toLogFields(rest) };
}

// winston's typings call the transport base class `transport`; at run time it is `Transport`
const Transport = (winston as unknown as { Transport: typeof TransportStream }).Transport;

/** The winston transport that writes Panini's outputs (standard output and files). */
export class OutputsTransport extends Transport {
  constructor(readonly outputs: LogOutputs) {
    super();
  }
  override log(info: Info, next: () => void): void {
    this.outputs.write(recordOf(info), info[JSON_LINE]);
    next();
  }
  override close(): void {
    this.outputs.close();
  }
}

/**
 * The logger-level format: the line as JSON, both for Panini's outputs and as winston's formatted
 * message, which transports you add write as they are (like winston's default `json()` format).
 */
const jsonLine = winston.format((transformable) => {
  const info = transformable as Info;
  const rec = recordOf(info);
  const line = formatJson(rec, rec === info[RECORD] && typeof info['timestamp'] === 'string' ? info['timestamp'] : undefined);
  info[JSON_LINE] = line;
  info[MESSAGE] = line;
  return transformable;
});

/** A winston logger with npm levels whose format suits Panini's records. */
export function createWinston(level: string, transports: winston.transport[]): winston.Logger {
  return winston.createLogger({ level, levels: winston.config.npm.levels, format: jsonLine(), transports, exitOnError: false });
}

/** Logs through winston on this thread. */
export class ThreadSink implements LogSink {
  constructor(readonly winston: winston.Logger) {}

  write(rec: LogRecord): void {
    this.winston.log(toInfo(rec));
  }

  async flush(): Promise<void> {
    await drain(this.winston);
    for (const t of this.winston.transports) if (t instanceof OutputsTransport) t.outputs.flushSync();
  }

  async close(): Promise<void> {
    await this.flush();
    // ending the logger ends every transport; a file transport finishes once its file is written
    const transports = this.winston.transports;
    const finished = transports.map((t) => (t.writableFinished ? Promise.resolve() : new Promise<void>((resolve) => {
      t.once('finish', resolve);
      t.once('error', () => resolve());
    })));
    this.winston.end();
    await within(5000, Promise.all(finished));
    // unpiping calls each transport's close(): Panini's closes its files, others do their own
    this.winston.close();
  }
}

/** Waits for `work`, but no longer than `ms`: a transport that never finishes must not block shutdown. */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
  clearTimeout(timer);
}

/**
 * Waits until winston's streams have handed every info object to the transports. Right after
 * creation winston buffers for a turn of the event loop; a transport may also apply backpressure.
 */
async function drain(w: winston.Logger, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  const busy = (): boolean => w.writableLength > 0 || w.readableLength > 0 || w.transports.some((t) => t.writableLength > 0);
  while (busy() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
}
