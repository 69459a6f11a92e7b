import type { MalformedHeadersError } from '../index.js';
import type { EnsureResult } from './kv/ensure-store.js';
import type { KvBucketDeclaration } from './kv/kv-bucket.declaration.js';
import type { KvOperation } from './kv/kv-bucket.js';
import type { ObjectMeta } from './obj/object-bucket.js';
import type { ObjectStoreDeclaration } from './obj/object-store.declaration.js';

/*
 * The narrow interface between the key-value and object store handles (`KvBucket`, `KvWatcher`,
 * `ObjectBucket`) and a broker. Two implementations: `NatsStores` (over @nats-io/kv and
 * @nats-io/obj, a real server) and the testing kit's memory emulation, which keeps buckets in
 * the memory broker's JetStream streams (`KV_<bucket>`, subjects `$KV.<bucket>.<key>`) exactly
 * as the server does, so revisions are stream sequences there too.
 *
 * Errors: `KvError` `invalid-key` for a key (or filter) KV does not allow, `conflict` for a write
 * whose expected revision is stale; a bucket that does not exist fails to open.
 */

/** One revision of a key, as stored: the value undecoded (empty for `delete` and `purge`). */
export interface KvStoreEntry {
  readonly bucket: string;
  readonly key: string;
  readonly value: Uint8Array;
  /** The bucket stream's sequence of this write: grows with every write to the bucket, any key. */
  readonly revision: number;
  /** `put` when `headersError` is set. */
  readonly operation: KvOperation;
  readonly created: Date;
  /** Set when the write's header block cannot be read (any client can write to a bucket's subjects). */
  readonly headersError?: MalformedHeadersError;
}

/**
 * A watch of a bucket's keys: entries in revision order, one each, until `stop()`. Iterating
 * ends (or throws) when the watch is lost; the caller reopens it from the next revision.
 */
export interface KvStoreWatch extends AsyncIterable<KvStoreEntry> {
  stop(): void;
}

export interface KvStoreWatchOptions {
  /** A key or a key filter (`*`, `>`). */
  readonly key: string;
  /**
   * `'last-values'`: the last revision of each matching key (deletes and purges included), in
   * revision order, then every change. A number: every revision from that one on (history included).
   */
  readonly from: 'last-values' | number;
}

/** One open key-value bucket. Keys are validated as NATS does (`KvError` `invalid-key`). */
export interface KvStore {
  readonly bucket: string;
  /** The key's last revision (a `delete` or `purge` marker included), or undefined when it has none. */
  get(key: string): Promise<KvStoreEntry | undefined>;
  /** Resolves with the new revision. */
  put(key: string, value: Uint8Array): Promise<number>;
  /** Only when the key has no value (never written, deleted, purged or expired). @throws KvError `conflict` (expected 0) */
  create(key: string, value: Uint8Array): Promise<number>;
  /** Only when the key's last revision is `revision` (> 0). @throws KvError `conflict` */
  update(key: string, value: Uint8Array, revision: number): Promise<number>;
  /** Writes a delete marker (history kept); with `revision`, only at that revision. A filter deletes every matching key. @throws KvError `conflict` */
  delete(key: string, revision?: number): Promise<void>;
  /** Writes a purge marker and removes the key's earlier revisions. @throws KvError `conflict` */
  purge(key: string, revision?: number): Promise<void>;
  /** The keys with a value (not deleted or purged) matching `filter` (subject wildcards). */
  keys(filter: string): AsyncIterable<string>;
  /** Every kept revision of the keys matching `key`, oldest first, markers included. */
  history(key: string): AsyncIterable<KvStoreEntry>;
  /** The bucket's last revision (0 when nothing was ever written). */
  lastRevision(): Promise<number>;
  watch(options: KvStoreWatchOptions): Promise<KvStoreWatch>;
}

/** What `put` stores with an object. */
export interface ObjStorePutMeta {
  readonly name: string;
  readonly description?: string;
  readonly metadata?: Record<string, string>;
  /** Chunk size in bytes (default 128 KiB). */
  readonly chunkSize?: number;
}

/**
 * One change of an object store, read from its metadata entry (`$O.<bucket>.M.<name>`): a `put`
 * once the object is complete (its chunks are stored before its entry), or a `delete`.
 */
export interface ObjStoreChange {
  readonly bucket: string;
  /** The object's name (read from the entry's subject when the entry itself cannot be read). */
  readonly name: string;
  /** The stream sequence of the entry: grows with every change of the store. */
  readonly revision: number;
  readonly operation: 'put' | 'delete';
  /**
   * The object's metadata after the change (a delete: size, chunks 0 and digest '', `modified`
   * the time of the delete). Undefined when the entry cannot be read, see `error`.
   */
  readonly meta?: ObjectMeta;
  /**
   * Why the entry cannot be read (any client can write to `$O.<bucket>.M.>`): not JSON, or not
   * the shape nats.js writes. Names the problem, never quotes the entry.
   */
  readonly error?: string;
}

/**
 * A watch of an object store's changes: in revision order, one each, until `stop()`. Iterating
 * ends (or throws) when the watch is lost; the caller reopens it from the next revision.
 */
export interface ObjStoreWatch extends AsyncIterable<ObjStoreChange> {
  stop(): void;
}

export interface ObjStoreWatchOptions {
  /**
   * `'last-values'`: the last entry of every object (deleted ones included), in revision order,
   * then every change. A number: every change from that revision on.
   */
  readonly from: 'last-values' | number;
}

/** One open object store. */
export interface ObjStore {
  readonly bucket: string;
  /** Stores the content under `meta.name`, replacing an object of that name once complete. */
  put(meta: ObjStorePutMeta, data: ReadableStream<Uint8Array>): Promise<ObjectMeta>;
  /** Undefined when there is none (never put, or deleted). */
  info(name: string): Promise<ObjectMeta | undefined>;
  /** Every object that is not deleted. */
  list(): Promise<ObjectMeta[]>;
  /** Resolves false when there was none. */
  delete(name: string): Promise<boolean>;
  /**
   * The metadata and the content read as it is consumed, or undefined when there is none. The
   * stream errors with KvError `corrupt-object` when the content does not match the digest.
   * @throws Error for a link (links are not followed)
   */
  get(name: string): Promise<{ info: ObjectMeta; data: ReadableStream<Uint8Array> } | undefined>;
  /** The store stream's last sequence (0 when nothing was ever written): a watch resumes after it. */
  lastRevision(): Promise<number>;
  /** Watches the changes of every object; content is never read. */
  watch(options: ObjStoreWatchOptions): Promise<ObjStoreWatch>;
}

/** The stores of one connection. */
export interface StoreBackend {
  /** Creates or updates the bucket to match the declaration (see `ensureStore`). */
  ensureBucket(declaration: KvBucketDeclaration): Promise<EnsureResult>;
  /** @throws Error when the name is not a valid bucket name or the bucket does not exist */
  openBucket(name: string): Promise<KvStore>;
  ensureObjectStore(declaration: ObjectStoreDeclaration): Promise<EnsureResult>;
  /** @throws Error when the store does not exist */
  openObjectStore(name: string): Promise<ObjStore>;
}

/** True when `x` is a `StoreBackend` (and not, say, a nats.js connection). */
export function isStoreBackend(x: unknown): x is StoreBackend {
  return typeof (x as Partial<StoreBackend> | undefined)?.openBucket === 'function';
}
