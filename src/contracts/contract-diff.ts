/** One difference between two documents, at a JSON Pointer-like path. */
export interface DocumentChange {
  /** Where: `channels/orders_create/messages`, `components/schemas/CreateOrderDto/required`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** The value in the committed document (absent for `added`). */
  before?: unknown;
  /** The value the code gives now (absent for `removed`). */
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every difference between the committed document and the one the code gives, deepest first
 * where they differ: objects are compared key by key, arrays and scalars as whole values (a
 * changed `required` list is one change). Key order does not count. Pure.
 */
export function diffDocuments(before: unknown, after: unknown, path = ''): DocumentChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}/${escape(k)}` : escape(k);
      if (!(k in after)) return [{ path: p, kind: 'removed' as const, before: before[k] }];
      if (!(k in before)) return [{ path: p, kind: 'added' as const, after: after[k] }];
      return diffDocuments(before[k], after[k], p);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '/', kind: 'changed', before, after }];
}

const short = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

/** The changes as lines a reviewer reads: `- removed`, `+ added`, `~ changed: before -> after`. */
export function formatChanges(changes: readonly DocumentChange[]): string {
  return changes.map((c) => c.kind === 'added' ? `+ ${c.path}: ${short(c.after)}`
    : c.kind === 'removed' ? `- ${c.path}: ${short(c.before)}`
    : `~ ${c.path}: ${short(c.before)} -> ${short(c.after)}`).join('\n');
}
