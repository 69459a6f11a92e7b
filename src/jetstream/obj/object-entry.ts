import type { ObjStoreChange } from '../store-backend.js';
import type { ObjectMeta } from './object-bucket.js';

/** A message on an object store's metadata subjects (`$O.<bucket>.M.<base64url(name)>`), as stored. */
export interface ObjectEntryMessage {
  readonly subject: string;
  /** Its stream sequence. */
  readonly seq: number;
  readonly data: Uint8Array;
  /** When it was stored, ms since the epoch. */
  readonly time: number;
}

const td = new TextDecoder();

/** nats.js's `Base64UrlPaddedCodec`: base64url, padding kept (so is Go's `base64.URLEncoding`). */
export const base64UrlPadded = (b: Uint8Array): string => Buffer.from(b).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

/** The subject of an object's metadata entry, as nats.js names it. */
export const metaSubject = (bucket: string, name: string): string => `$O.${bucket}.M.${base64UrlPadded(new TextEncoder().encode(name))}`;

/**
 * Reads a metadata entry into a change. Any client can write to `$O.<bucket>.M.>`, so the entry is
 * untrusted: an entry that is not JSON, not the shape nats.js writes, or whose name is not the one
 * its subject encodes, becomes a change with `error` (naming the problem, quoting nothing) and the
 * name its subject gives. Never throws.
 */
export function readObjectEntry(bucket: string, m: ObjectEntryMessage): ObjStoreChange {
  const token = m.subject.slice(`$O.${bucket}.M.`.length);
  const fromSubject = nameOf(token);
  const base = { bucket, name: fromSubject, revision: m.seq };
  let entry: unknown;
  try {
    entry = JSON.parse(td.decode(m.data));
  } catch {
    return { ...base, operation: 'put', error: `its metadata entry is not valid JSON (${m.data.length} bytes)` };
  }
  const read = readMeta(bucket, entry, m);
  if (typeof read === 'string') return { ...base, operation: 'put', error: `its metadata entry ${read}` };
  if (read.meta.name !== fromSubject) return { ...base, operation: 'put', error: 'its metadata entry names another object than its subject does' };
  return { ...base, operation: read.deleted ? 'delete' : 'put', meta: read.meta };
}

/** The name a subject token encodes, or the token itself when it is not base64url. */
function nameOf(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  return base64UrlPadded(bytes).replace(/=+$/, '') === token.replace(/=+$/, '') ? td.decode(bytes) : token;
}

/** The entry's metadata, or what is wrong with it. */
function readMeta(bucket: string, e: unknown, m: ObjectEntryMessage): { meta: ObjectMeta; deleted: boolean } | string {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'is not a JSON object';
  const o = e as Record<string, unknown>;
  if (typeof o['name'] !== 'string' || o['name'] === '') return "has no 'name'";
  if (o['deleted'] !== undefined && typeof o['deleted'] !== 'boolean') return "has a 'deleted' that is not true or false";
  const deleted = o['deleted'] === true;
  if (o['description'] !== undefined && typeof o['description'] !== 'string') return "has a 'description' that is not a string";
  const metadata = o['metadata'];
  if (metadata !== undefined && metadata !== null && !isStringMap(metadata)) return "has a 'metadata' that is not a map of strings";
  const optional = {
    ...(typeof o['description'] === 'string' && o['description'] !== '' && { description: o['description'] }),
    ...(isStringMap(metadata) && { metadata: { ...metadata } }),
  };
  // nats.js keeps the put's mtime on a delete: the delete's own time is when it was stored
  if (deleted) return { deleted, meta: { bucket, name: o['name'], size: 0, chunks: 0, digest: '', modified: new Date(m.time), revision: m.seq, ...optional } };
  // a link (nats.js `link()`) names another object and has no content, size or time of its own
  const options = o['options'];
  if (typeof options === 'object' && options !== null && (options as Record<string, unknown>)['link']) {
    return { deleted, meta: { bucket, name: o['name'], size: 0, chunks: 0, digest: '', modified: new Date(m.time), revision: m.seq, ...optional } };
  }
  const { size, chunks, digest, mtime } = o;
  if (!isCount(size)) return "has a 'size' that is not a whole number >= 0";
  if (!isCount(chunks)) return "has a 'chunks' that is not a whole number >= 0";
  if (typeof digest !== 'string') return "has no 'digest'";
  const modified = typeof mtime === 'string' ? new Date(mtime) : undefined;
  if (modified === undefined || Number.isNaN(modified.getTime())) return "has no readable 'mtime'";
  return { deleted, meta: { bucket, name: o['name'], size, chunks, digest, modified, revision: m.seq, ...optional } };
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

function isStringMap(x: unknown): x is Record<string, string> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string');
}
