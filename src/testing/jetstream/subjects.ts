import { subjectMatches } from '../subject-match.js';

/** A consumer's filter: none (or empty) takes every subject of the stream. */
export function filterMatches(filter: string | undefined, subject: string): boolean {
  return filter === undefined || filter === '' || subjectMatches(filter, subject);
}

/**
 * True when every subject `sub` can match is also matched by `pattern` (the server's
 * `subjectIsSubsetMatch`): a consumer's filter must be a subset of its stream's subjects.
 */
export function isSubsetOf(sub: string, pattern: string): boolean {
  const s = sub.split('.');
  const p = pattern.split('.');
  for (let i = 0; i < s.length; i++) {
    const pt = p[i];
    if (pt === undefined) return false;
    if (pt === '>') return true;
    const st = s[i]!;
    if (st === '>') return false;
    if (pt === '*') continue;
    if (st === '*' || st !== pt) return false;
  }
  return s.length === p.length;
}

/** True when some subject could be matched by both patterns (streams may not share one). */
export function overlaps(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const s = x[i];
    const t = y[i];
    if (s === '>' || t === '>') return s !== undefined && t !== undefined;
    if (s === undefined || t === undefined) return false;
    if (s !== '*' && t !== '*' && s !== t) return false;
  }
  return true;
}
