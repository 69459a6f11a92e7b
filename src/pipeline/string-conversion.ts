/**
 * The rules by which a string from the wire (a query value, a path parameter, a subject token,
 * a header, or a JSON string where conversion is asked for) becomes a boolean, a number or a
 * date. Pure and strict: a string either has exactly one meaning or it is refused, so
 * `?archived=false` can never become `true` the way `Boolean('false')` does.
 */

/** The declared types Panini converts strings to. */
export type ScalarKind = 'boolean' | 'number' | 'date';

export type Converted = { ok: true; value: boolean | number | Date } | { ok: false };

const NUMERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// a calendar date, optionally with a time (minutes at least) and an offset
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The kind Panini converts to for a declared (design) type, or undefined for any other type. */
export function scalarKindOf(type: unknown): ScalarKind | undefined {
  if (type === Boolean) return 'boolean';
  if (type === Number) return 'number';
  if (type === Date) return 'date';
  return undefined;
}

/** `true`/`1` and `false`/`0`, nothing else (not `yes`, not `TRUE`, not ``). */
export function toBoolean(s: string): Converted {
  if (s === 'true' || s === '1') return { ok: true, value: true };
  if (s === 'false' || s === '0') return { ok: true, value: false };
  return { ok: false };
}

/** A finite decimal numeral (`-1.5`, `2e3`); not ``, spaces, `0x10`, `Infinity` or `1e400`. */
export function toNumber(s: string): Converted {
  if (!NUMERAL.test(s)) return { ok: false };
  const n = Number(s);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An ISO 8601 date (`2024-05-01`, UTC) or date-time (`2024-05-01T10:00:00.5Z`, `...+02:00`; no
 * offset means UTC too, so a server's time zone never changes the value). Days and times must
 * exist: `2024-02-30` and `24:00` are refused rather than rolled over.
 */
export function toDate(s: string): Converted {
  const m = ISO_DATE.exec(s);
  if (!m) return { ok: false };
  const [, y, mo, d, h, mi, sec, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return { ok: false };
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59)) return { ok: false };
  if (zone !== undefined && zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return { ok: false };
  const iso = h === undefined ? `${s}T00:00:00Z` : zone === undefined ? `${s}Z` : s;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? { ok: false } : { ok: true, value: date };
}

const CONVERT: Record<ScalarKind, (s: string) => Converted> = { boolean: toBoolean, number: toNumber, date: toDate };

/** Converts a string by the rule of its kind. */
export function convertString(s: string, kind: ScalarKind): Converted {
  return CONVERT[kind](s);
}

/** What a value must look like, for the message of a 400: `archived must be true, false, 1 or 0`. */
export const EXPECTED: Record<ScalarKind, { rule: string; words: string }> = {
  boolean: { rule: 'isBoolean', words: 'must be true, false, 1 or 0' },
  number: { rule: 'isNumber', words: 'must be a finite decimal number' },
  date: { rule: 'isDate', words: 'must be an ISO 8601 date (2024-05-01 or 2024-05-01T10:00:00Z)' },
};
