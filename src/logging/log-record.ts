import { logFieldSource, logScope } from './log-scope.js';
import type { LogMeta } from './logger.js';
import type { LogLimits } from './log-limits.js';
import { redactString, serializeError, toLogFields, toLogFieldsJson } from './redact.js';

/**
 * One line to write, already plain data (structured-clone and JSON safe, secrets masked), so it
 * can be kept, sent to the logging worker or formatted later without touching the caller's objects.
 */
export interface LogRecord {
  /** Milliseconds since the epoch, taken when the line was logged. */
  time: number;
  level: string;
  message: string;
  /** service, context, the scope's fields, then the caller's meta. */
  readonly fields: Record<string, unknown>;
  /** `message` and `fields` as JSON, when the record came serialised (to the logging worker). */
  readonly messageJson?: string;
  readonly fieldsJson?: string;
}

const SEP = '\u0000';

/**
 * Records as they cross to the logging worker: one string, four NUL-separated parts per record
 * (JSON text never holds a raw NUL). Copying one string costs the main thread far less than
 * structured-cloning nested objects, and the worker reuses the JSON as it is for JSON lines.
 */
export function toWire(records: readonly LogRecord[]): string {
  let out = '';
  for (const r of records) out += wireOf(r);
  return out;
}

/** One record's part of a wire string. */
export function wireOf(r: LogRecord): string {
  return `${r.time}${SEP}${r.level}${SEP}${r.messageJson ?? JSON.stringify(r.message)}${SEP}${r.fieldsJson ?? JSON.stringify(r.fields)}${SEP}`;
}

/** The records of a `toWire` string; message and fields are parsed only if a format needs them. */
export function fromWire(wire: string): LogRecord[] {
  const parts = wire.split(SEP);
  const out: LogRecord[] = [];
  for (let i = 0; i + 3 < parts.length; i += 4) out.push(new WireRecord(Number(parts[i]), parts[i + 1]!, parts[i + 2]!, parts[i + 3]!));
  return out;
}

class WireRecord implements LogRecord {
  private text: string | undefined;
  private parsed: Record<string, unknown> | undefined;
  constructor(readonly time: number, readonly level: string, readonly messageJson: string, readonly fieldsJson: string) {}
  get message(): string {
    return (this.text ??= JSON.parse(this.messageJson) as string);
  }
  get fields(): Record<string, unknown> {
    return (this.parsed ??= JSON.parse(this.fieldsJson) as Record<string, unknown>);
  }
}

/** Fields of a line that meta cannot overwrite; a meta field of that name is written as `_level` etc. */
const RESERVED = new Set(['timestamp', 'level', 'message']);

export interface RecordSource {
  service: string | undefined;
  /** Read the per-message scope (subject, request id...) of the work in progress. */
  scoped: boolean;
  /** How much of the meta is kept (default `DEFAULT_LOG_LIMITS`); both the record and the wire path apply it. */
  limits?: LogLimits;
}

/** Builds a record on the caller's thread: the scope is read now, while the work is in progress. */
export function buildRecord(src: RecordSource, context: string | undefined, level: string, message: unknown, meta: LogMeta | Error | undefined): LogRecord {
  const fields: Record<string, unknown> = {};
  const scope = src.scoped ? logScope.getStore() : undefined;
  const service = scope?.service ?? src.service;
  if (service !== undefined) fields['service'] = service;
  if (context !== undefined) fields['context'] = context;
  if (scope !== undefined) {
    // read each getter once: a MessageContext computes some of them lazily
    const { subject, requestId, method, path, task, runId } = scope;
    if (subject !== undefined) fields['subject'] = subject;
    if (requestId !== undefined) fields['requestId'] = requestId;
    if (method !== undefined) fields['method'] = method;
    if (path !== undefined) fields['path'] = path;
    if (task !== undefined) fields['task'] = task;
    if (runId !== undefined) fields['runId'] = runId;
  }
  if (logFieldSource !== undefined) Object.assign(fields, logFieldSource());
  const text = addMeta(fields, message, meta, src.limits);
  return { time: Date.now(), level, message: redactString(text), fields };
}

/** Adds the meta (or the error) to `fields` and returns the line's text. */
function addMeta(fields: Record<string, unknown>, message: unknown, meta: LogMeta | Error | undefined, limits: LogLimits | undefined): string {
  let text: string;
  if (message instanceof Error) {
    // a JavaScript caller's log.error(err): keep the error, use its message as the line
    text = message.message;
    fields['error'] = serializeError(message, 0, undefined, limits);
  } else text = typeof message === 'string' ? message : String(message);
  if (meta instanceof Error) fields['error'] = serializeError(meta, 0, undefined, limits);
  else if (meta !== undefined && meta !== null && typeof meta === 'object') {
    toLogFields(meta, 0, undefined, fields, limits);
    if ('level' in fields || 'message' in fields || 'timestamp' in fields) {
      for (const key of RESERVED) {
        if (key in fields) {
          fields[`_${key}`] = fields[key];
          delete fields[key];
        }
      }
    }
  }
  return text;
}

const CONTEXT_KEYS = ['service', 'context', 'subject', 'requestId', 'method', 'path', 'task', 'runId'];
const prefixes = new Map<string, string>();
let last = { service: undefined as string | undefined, context: undefined as string | undefined, prefix: '' };

/** `"service":"orders","context":"OrdersController"`, serialised once per pair. */
function prefixOf(service: string | undefined, context: string | undefined): string {
  if (service === last.service && context === last.context) return last.prefix;
  const key = `${service ?? '\u0000'}\u0000${context ?? '\u0000'}`;
  let prefix = prefixes.get(key);
  if (prefix === undefined) {
    const parts: string[] = [];
    if (service !== undefined) parts.push(`"service":${JSON.stringify(service)}`);
    if (context !== undefined) parts.push(`"context":${JSON.stringify(context)}`);
    prefix = parts.join(',');
    if (prefixes.size > 1000) prefixes.clear();
    prefixes.set(key, prefix);
  }
  last = { service, context, prefix };
  return prefix;
}

/** Meta keys the worker's hot path leaves to the record path (it would have to move or replace them). */
const SLOW_KEYS: ReadonlySet<string> = new Set([...CONTEXT_KEYS, ...RESERVED]);

/**
 * `wireOf(buildRecord(...))` without building the record: the logging worker's hot path, so
 * the main thread serialises only what changes from line to line (the service and context
 * prefix is serialised once per logger) and walks the meta once.
 */
export function encodeRecord(src: RecordSource, context: string | undefined, level: string, message: unknown, meta: LogMeta | Error | undefined): string {
  let metaJson = '';
  if (message instanceof Error) return wireOf(buildRecord(src, context, level, message, meta));
  if (meta instanceof Error) metaJson = `"error":${JSON.stringify(serializeError(meta, 0, undefined, src.limits))}`;
  else if (meta !== undefined && meta !== null && typeof meta === 'object') {
    const json = toLogFieldsJson(meta, SLOW_KEYS, src.limits);
    if (json === undefined) return wireOf(buildRecord(src, context, level, message, meta));
    metaJson = json;
  }
  const scope = src.scoped ? logScope.getStore() : undefined;
  let json = prefixOf(scope?.service ?? src.service, context);
  if (scope !== undefined) {
    const { subject, requestId, method, path, task, runId } = scope;
    if (subject !== undefined) json += `${json ? ',' : ''}"subject":${JSON.stringify(subject)}`;
    if (requestId !== undefined) json += `${json ? ',' : ''}"requestId":${JSON.stringify(requestId)}`;
    if (method !== undefined) json += `${json ? ',' : ''}"method":${JSON.stringify(method)}`;
    if (path !== undefined) json += `${json ? ',' : ''}"path":${JSON.stringify(path)}`;
    if (task !== undefined) json += `${json ? ',' : ''}"task":${JSON.stringify(task)}`;
    if (runId !== undefined) json += `${json ? ',' : ''}"runId":${JSON.stringify(runId)}`;
  }
  const extra = logFieldSource?.();
  if (extra !== undefined) for (const k in extra) json += `${json ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(extra[k])}`;
  if (metaJson !== '') json += json ? `,${metaJson}` : metaJson;
  const text = typeof message === 'string' ? message : String(message);
  return `${Date.now()}${SEP}${level}${SEP}${JSON.stringify(redactString(text))}${SEP}{${json}}${SEP}`;
}
