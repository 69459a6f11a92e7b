import type { LogRecord } from './log-record.js';
import { isSerializedError, type SerializedError } from './redact.js';

/** Turns a record into one line of output (without the newline). */
export type LineFormat = (rec: LogRecord) => string;

/** One JSON object per line: timestamp, level, message, then the fields in order. */
export function formatJson(rec: LogRecord, iso?: string): string {
  const head = `{"timestamp":"${iso ?? new Date(rec.time).toISOString()}","level":"${rec.level}","message":${rec.messageJson ?? JSON.stringify(rec.message)}`;
  const rest = rec.fieldsJson ?? JSON.stringify(rec.fields);
  return rest.length > 2 ? `${head},${rest.slice(1)}` : `${head}}`;
}

const LEVEL_COLORS: Record<string, string> = { error: '31', warn: '33', info: '32', http: '35', verbose: '36', debug: '34', silly: '90' };
const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[39m` : s);
const dim = (on: boolean, s: string): string => (on ? `\u001b[2m${s}\u001b[22m` : s);
const ERROR_KEYS = new Set(['name', 'message', 'stack', 'cause', 'errors']);
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function clock(time: number): string {
  const d = new Date(time);
  const ms = d.getMilliseconds();
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}`;
}

function plain(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

function errorTrail(err: SerializedError, indent: string): string {
  let out = `\n${indent}${(err.stack ?? `${err.name}: ${err.message}`).split('\n').join(`\n${indent}`)}`;
  if (isSerializedError(err.cause)) out += `\n${indent}caused by:${errorTrail(err.cause, `${indent}  `)}`;
  else if (err.cause !== undefined) out += `\n${indent}caused by: ${plain(err.cause)}`;
  for (const inner of err.errors ?? []) if (isSerializedError(inner)) out += `\n${indent}including:${errorTrail(inner, `${indent}  `)}`;
  return out;
}

/**
 * Readable lines for a terminal: `12:00:01.250 INFO  [OrdersController] order created id=7 subject=orders.create`,
 * errors followed by their stack and cause chain.
 */
export function prettyFormat(color: boolean): LineFormat {
  return (rec) => {
    const level = rec.level.toUpperCase().padEnd(5);
    let line = `${dim(color, clock(rec.time))} ${paint(color, LEVEL_COLORS[rec.level] ?? '39', level)} `;
    const { context } = rec.fields;
    if (context !== undefined) line += `${paint(color, '36', `[${String(context)}]`)} `;
    line += rec.message;
    let trail = '';
    for (const key in rec.fields) {
      if (key === 'context' || key === 'service') continue;
      const value = rec.fields[key];
      if (isSerializedError(value)) {
        const extra = Object.entries(value).filter(([k]) => !ERROR_KEYS.has(k));
        if (extra.length > 0) line += ` ${dim(color, `${key}=`)}${plain(Object.fromEntries(extra))}`;
        trail += errorTrail(value, '    ');
      } else line += ` ${dim(color, `${key}=`)}${plain(value)}`;
    }
    return line + (color && trail ? paint(color, '90', trail) : trail);
  };
}

export function lineFormat(format: 'pretty' | 'json', color: boolean): LineFormat {
  return format === 'json' ? formatJson : prettyFormat(color);
}
