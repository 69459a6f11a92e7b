import { KvError } from './kv.errors.js';

/*
 * The names KV allows, as nats.js checks them (@nats-io/kv `validateKey`, `validateSearchKey`,
 * `validateBucket`), for a store that is not nats.js (the testing kit's emulation).
 */
const KEY = /^[-/=.\w]+$/;
const SEARCH_KEY = /^[-/=.>*\w]+$/;
const BUCKET = /^[-\w]+$/;

/** The error of a key (or filter) KV does not allow. */
export function invalidKey(bucket: string, key: string, cause?: unknown): KvError {
  return new KvError('invalid-key', `'${key}' is not a valid key for KV bucket '${bucket}': use subject tokens of letters, digits, '-', '_', '/', '=' joined by '.' ('*' and '>' in filters only)`, { bucket, key }, cause === undefined ? undefined : { cause });
}

/** The error of a write whose expected revision is stale (0: expected no value). */
export function conflict(bucket: string, key: string, expected: number, cause?: unknown): KvError {
  const what = expected === 0 ? 'expected no value' : `expected revision ${expected}`;
  return new KvError('conflict', `key '${key}' of KV bucket '${bucket}' changed: ${what}, but another write came first; read it again and retry`, { bucket, key, expected }, cause === undefined ? undefined : { cause });
}

/** @throws KvError `invalid-key` for a key with wildcards, a leading or trailing '.', or other characters. */
export function checkKey(bucket: string, key: string): void {
  if (typeof key !== 'string' || key.startsWith('.') || key.endsWith('.') || !KEY.test(key)) throw invalidKey(bucket, key);
}

/** @throws KvError `invalid-key` for a filter KV does not allow (a leading or trailing '.', an empty token, other characters). */
export function checkFilter(bucket: string, filter: string): void {
  if (typeof filter !== 'string' || filter.startsWith('.') || filter.endsWith('.') || filter.includes('..') || !SEARCH_KEY.test(filter)) throw invalidKey(bucket, filter);
}

/** True when the key is a filter (has a `*` or `>` token). */
export function hasWildcards(key: string): boolean {
  return key.split('.').some((t) => t === '*' || t === '>');
}

/** @throws Error `invalid bucket name: <name>` (as nats.js) for a name outside letters, digits, '-', '_'. */
export function checkBucketName(name: string): void {
  if (typeof name !== 'string' || !BUCKET.test(name)) throw new Error(`invalid bucket name: ${name}`);
}
