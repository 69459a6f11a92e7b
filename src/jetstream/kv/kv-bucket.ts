import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { natsStores } from '../nats/nats-stores.js';
import { NatsKvStore } from '../nats/nats-kv.store.js';
import { isStoreBackend, type KvStore, type KvStoreEntry, type StoreBackend } from '../store-backend.js';
import { valueCodec, type KvValueOptions, type ValueCodec } from './kv-value.js';
import { KvError } from './kv.errors.js';

/** What happened to a key: a value was put, the key was deleted, or purged (its history removed too). */
export type KvOperation = 'put' | 'delete' | 'purge';

/** One revision of a key. `value` is undefined for `delete` and `purge`. */
export interface KvChange<T> {
  readonly bucket: string;
  readonly key: string;
  readonly value: T | undefined;
  /** The stream sequence of this change: grows with every write to the bucket, any key. */
  readonly revision: number;
  readonly operation: KvOperation;
  /** When the server stored it. */
  readonly created: Date;
}

/** A key's current value. */
export interface KvEntryOf<T> extends KvChange<T> {
  readonly value: T;
  readonly operation: 'put';
}

/** For `delete` and `purge`: succeed only while the key is at this revision (optimistic concurrency). */
export interface KvWriteOptions { revision?: number }

/**
 * A typed handle on one JetStream key-value bucket. Inject it with `@InjectBucket('name')` (or
 * the token `kvBucketToken('name')`) once the bucket is declared in `JetStreamModule.forRoot({ buckets })`.
 * Keys are NATS subject tokens joined by '.': letters, digits, `-`, `_`, `/`, `=`.
 * Every method opens the bucket on first use, so the handle works from the moment the app started.
 * It works on a NATS connection and on the testing kit's memory transport alike.
 * @example
 * constructor(@InjectBucket('carts') private readonly carts: KvBucket<Cart>) {}
 * const e = await this.carts.get('cart.42'); await this.carts.update('cart.42', next, e.revision);
 */
export class KvBucket<T = unknown> {
  private kv: Promise<KvStore> | undefined;
  private opened: StoreBackend | undefined;
  private readonly values: ValueCodec<T>;

  /**
   * @param stores where the bucket lives: the stores of the app's transport (what
   *   `JetStreamModule` passes), or a nats.js connection.
   */
  constructor(readonly name: string, private readonly stores: () => StoreBackend | NatsConnection, values: KvValueOptions<T> = {}) {
    this.values = valueCodec(values);
  }

  /**
   * The current value of `key`, or undefined when the key has none (never written, deleted or purged).
   * @throws KvError `invalid-value` when the stored value cannot be decoded or fails its DTO rules.
   */
  async get(key: string): Promise<KvEntryOf<T> | undefined> {
    const e = await (await this.open()).get(key);
    if (!e || (e.operation !== 'put' && !e.headersError)) return undefined;
    return (await this.toChange(e)) as KvEntryOf<T>;
  }

  /** Writes `value` whatever the key's revision; resolves with the new revision. */
  async put(key: string, value: T): Promise<number> {
    return (await this.open()).put(key, this.values.write(value));
  }

  /**
   * Writes `value` only if the key has no value (never written, deleted or purged); resolves with the revision.
   * @throws KvError `conflict` (expected 0) when the key has a value.
   */
  async create(key: string, value: T): Promise<number> {
    return (await this.open()).create(key, this.values.write(value));
  }

  /**
   * Writes `value` only if the key is still at `revision` (optimistic concurrency); resolves with the new revision.
   * @throws KvError `conflict` when another write came first: read the key again and retry.
   */
  async update(key: string, value: T, revision: number): Promise<number> {
    return (await this.open()).update(key, this.values.write(value), revision);
  }

  /** Marks the key deleted (its history stays, up to the bucket's `history`). @throws KvError `conflict` with `revision` set and stale. */
  async delete(key: string, options: KvWriteOptions = {}): Promise<void> {
    return (await this.open()).delete(key, options.revision);
  }

  /** Deletes the key and every earlier revision of it. @throws KvError `conflict` with `revision` set and stale. */
  async purge(key: string, options: KvWriteOptions = {}): Promise<void> {
    return (await this.open()).purge(key, options.revision);
  }

  /**
   * The keys that have a value, matching `filter` (subject wildcards: `orders.*`, `orders.>`; default every key).
   * Streamed: a bucket of a million keys is never held in one array.
   */
  async *keys(filter = '>'): AsyncGenerator<string> {
    yield* (await this.open()).keys(filter);
  }

  /**
   * Every kept revision of `key` (or of every key matching a wildcard), oldest first, deletes
   * and purges included; as many as the bucket's `history` keeps per key.
   * @throws KvError `invalid-value` when a stored value cannot be read.
   */
  async history(key: string): Promise<Array<KvChange<T>>> {
    const out: Array<KvChange<T>> = [];
    for await (const e of (await this.open()).history(key)) out.push(await this.toChange(e));
    return out;
  }

  /**
   * The nats.js bucket, for what this handle does not wrap (`status()`, a raw `watch()`).
   * @throws Error on a transport without nats.js (the testing kit's memory transport).
   */
  async raw(): Promise<KV> {
    const s = await this.open();
    if (!(s instanceof NatsKvStore)) throw new Error(`KvBucket.raw() needs a NATS connection; KV bucket '${this.name}' is on the testing kit's emulation`);
    return s.kv;
  }

  /** The bucket behind the handle, opened once per connection (a watch reads it too). */
  open(): Promise<KvStore> {
    const source = this.stores();
    const stores = isStoreBackend(source) ? source : natsStores(source);
    if (!this.kv || this.opened !== stores) {
      this.opened = stores;
      this.kv = stores.openBucket(this.name);
      this.kv.catch(() => (this.kv = undefined));
    }
    return this.kv;
  }

  /** Decodes one stored entry (a watch uses it too). */
  async toChange(e: KvStoreEntry): Promise<KvChange<T>> {
    if (e.headersError) {
      throw new KvError('invalid-value', `the value of key '${e.key}' (revision ${e.revision}) in KV bucket '${this.name}' cannot be read: ${e.headersError.message}`, { bucket: this.name, key: e.key }, { cause: e.headersError });
    }
    const value = e.operation === 'put' ? await this.values.read(this.name, e.key, e.value) : undefined;
    return { bucket: this.name, key: e.key, value, revision: e.revision, operation: e.operation, created: e.created };
  }
}
