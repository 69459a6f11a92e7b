/**
 * Turns anything logged into plain, JSON-safe data without secrets: errors become
 * `{ name, message, stack, cause }`, cycles are cut, long arrays, strings and deep nesting are cut
 * with a marker saying so (see `LogLimits`), and values under secret
 * keys (passwords, tokens, nkeys, seeds, creds...) or secret-looking strings are masked.
 */
import { DEFAULT_LOG_LIMITS, type LogLimits } from './log-limits.js';

export const MASK = '***';

const SECRET_KEY = /pass(word|wd|phrase)?$|^pwd$|secret|token|nkey|seed|creds|credential|authenticator|authorization|cookie|api[-_]?key|private[-_]?key|^jwt$|^sig$/i;
const keyCache = new Map<string, boolean>();

/** Whether a value under this key must never be logged. */
export function isSecretKey(key: string): boolean {
  let hit = keyCache.get(key);
  if (hit === undefined) {
    hit = SECRET_KEY.test(key);
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(key, hit);
  }
  return hit;
}

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
// an nkey seed: 'S', a key type, then base32 (58 characters in all)
const NKEY_SEED = /\bS[UNOACXP][A-Z2-7]{56}\b/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/** Masks credentials inside URLs, nkey seeds and PEM private keys in a string. */
export function redactString(s: string): string {
  if (s.length < 8) return s;
  let out = s;
  if (out.includes('://') && out.includes('@')) out = out.replace(URL_CREDENTIALS, `$1${MASK}@`);
  if (out.length >= 58) {
    NKEY_SEED.lastIndex = 0;
    if (NKEY_SEED.test(out)) out = out.replace(NKEY_SEED, MASK);
    if (out.includes('PRIVATE KEY-----')) out = out.replace(PRIVATE_KEY, MASK);
  }
  return out;
}

/** A logged error as plain data. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
  cause?: unknown;
  errors?: unknown[];
  [key: string]: unknown;
}

export function isSerializedError(v: unknown): v is SerializedError {
  return typeof v === 'object' && v !== null && typeof (v as SerializedError).message === 'string' && typeof (v as SerializedError).stack === 'string' && typeof (v as SerializedError).name === 'string';
}

/** An Error as plain data, with its cause chain (and an AggregateError's errors). */
export function serializeError(err: Error, depth = 0, seen?: Set<object>, limits: LogLimits = DEFAULT_LOG_LIMITS): SerializedError {
  seen ??= new Set();
  seen.add(err);
  const out: SerializedError = { name: String(err.name ?? 'Error'), message: redactString(String(err.message ?? '')) };
  if (typeof err.stack === 'string') out.stack = redactString(err.stack);
  for (const key of Object.keys(err)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause' || key === 'errors') continue;
    out[key] = isSecretKey(key) ? MASK : toLogValue((err as unknown as Record<string, unknown>)[key], depth + 1, seen, limits);
  }
  if (err.cause !== undefined) out.cause = toLogValue(err.cause, depth + 1, seen, limits);
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors)) out.errors = listOf(errors, errors.length, depth, seen, limits);
  seen.delete(err);
  return out;
}

/** Any value as plain JSON-safe data, secrets masked. */
export function toLogValue(v: unknown, depth = 0, seen?: Set<object>, limits: LogLimits = DEFAULT_LOG_LIMITS): unknown {
  switch (typeof v) {
    case 'string': return cutString(redactString(v), limits.maxStringLength);
    case 'number': return Number.isFinite(v) ? v : String(v);
    case 'boolean': return v;
    case 'undefined': return undefined;
    case 'bigint': return v.toString();
    case 'symbol': return v.toString();
    case 'function': return `[Function ${v.name || 'anonymous'}]`;
  }
  if (v === null) return null;
  const obj = v as object;
  // created only for nested objects: most meta is flat
  seen ??= new Set();
  if (seen.has(obj)) return '[Circular]';
  if (depth >= limits.maxDepth) return Array.isArray(obj) ? `[Array(${obj.length}) cut at depth ${depth}]` : `[${kindOf(obj)} cut at depth ${depth}]`;
  if (obj instanceof Error) return serializeError(obj, depth, seen, limits);
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (ArrayBuffer.isView(obj)) return `[${obj.constructor.name} ${obj.byteLength} bytes]`;
  seen.add(obj);
  try {
    if (Array.isArray(obj)) return listOf(obj, obj.length, depth, seen, limits);
    if (obj instanceof Map) {
      const entries: Record<string, unknown> = {};
      let n = 0;
      for (const [k, x] of obj) {
        if (n++ >= limits.maxArrayItems) break;
        entries[String(k)] = x;
      }
      const out = toLogFields(entries, depth, seen, {}, limits);
      if (obj.size > limits.maxArrayItems) out['…'] = `and ${obj.size - limits.maxArrayItems} more entries`;
      return out;
    }
    if (obj instanceof Set) return listOf(obj, obj.size, depth, seen, limits);
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toLogValue(toJSON.call(obj), depth + 1, seen, limits);
    return toLogFields(obj as Record<string, unknown>, depth, seen, {}, limits);
  } finally {
    seen.delete(obj);
  }
}

/** The first `maxArrayItems` items, then a marker item `…and N more items` when some were cut. */
function listOf(items: Iterable<unknown>, size: number, depth: number, seen: Set<object> | undefined, limits: LogLimits): unknown[] {
  const out: unknown[] = [];
  for (const x of items) {
    if (out.length >= limits.maxArrayItems) break;
    out.push(toLogValue(x, depth + 1, seen, limits) ?? null);
  }
  if (size > limits.maxArrayItems) out.push(`…and ${size - limits.maxArrayItems} more items`);
  return out;
}

/** A string of at most `max` characters, and the number cut when it was longer. */
function cutString(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…[cut ${s.length - max} chars]`;
}

/** `Object`, `Map`, or the class name of an object, for the depth marker. */
function kindOf(obj: object): string {
  const name = (obj.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name : 'Object';
}

/** The own enumerable fields of an object, each made loggable; secret keys masked. */
export function toLogFields(o: Record<string, unknown>, depth = 0, seen?: Set<object>, into: Record<string, unknown> = {}, limits: LogLimits = DEFAULT_LOG_LIMITS): Record<string, unknown> {
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    const value = o[key];
    if (value === undefined) continue;
    into[key] = isSecretKey(key) ? MASK : toLogValue(value, depth + 1, seen, limits);
  }
  return into;
}

const keyJson = new Map<string, string | null>();

/**
 * `JSON.stringify(toLogFields(o)).slice(1, -1)` in one pass without the copy (the logging
 * worker's hot path), or undefined when `o` has a key in `stop` (the caller then takes the
 * general path).
 */
export function toLogFieldsJson(o: Record<string, unknown>, stop: ReadonlySet<string>, limits: LogLimits = DEFAULT_LOG_LIMITS): string | undefined {
  let out = '';
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    const value = o[key];
    if (value === undefined) continue;
    if (stop.has(key)) return undefined;
    let k = keyJson.get(key);
    if (k === undefined) {
      // null marks a secret key; its name is still written, its value masked
      k = isSecretKey(key) ? null : `${JSON.stringify(key)}:`;
      if (keyJson.size > 10_000) keyJson.clear();
      keyJson.set(key, k);
    }
    let part: string;
    if (k === null) part = `${JSON.stringify(key)}:"${MASK}"`;
    else if (typeof value === 'string') part = k + JSON.stringify(cutString(redactString(value), limits.maxStringLength));
    else if (typeof value === 'number' && Number.isFinite(value)) part = k + value;
    else if (typeof value === 'boolean') part = k + (value ? 'true' : 'false');
    else part = k + JSON.stringify(toLogValue(value, 1, undefined, limits));
    out += out === '' ? part : `,${part}`;
  }
  return out;
}
