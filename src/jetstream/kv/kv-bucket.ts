import { Kvm, type KV, type KvEntry } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { KvError, isWrongLastSequence } from './kv.errors.js';
import { valueCodec, type KvValueOptions, type ValueCodec } from './kv-value.js';

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

const OPERATIONS: Record<KvEntry['operation'], KvOperation> = { PUT: 'put', DEL: 'delete', PURGE: 'purge' };

/** Maps a nats.js entry's operation to Panini's. */
export const operationOf = (e: Pick<KvEntry, 'operation'>): KvOperation => OPERATIONS[e.operation] ?? 'put';

/**
 * A typed handle on one JetStream key-value bucket. Inject it with `@InjectBucket('name')` (or
 * the token `kvBucketToken('name')`) once the bucket is declared in `JetStreamModule.forRoot({ buckets })`.
 * Keys are NATS subject tokens joined by '.': letters, digits, `-`, `_`, `/`, `=`.
 * Every method opens the bucket on first use, so the handle works from the moment the app started.
 * @example
 * constructor(@InjectBucket('carts') private readonly carts: KvBucket<Cart>) {}
 * const e = await this.carts.get('cart.42'); await this.carts.update('cart.42', next, e.revision);
 */
export class KvBucket<T = unknown> {
  private kv: Promise<KV> | undefined;
  private opened: NatsConnection | undefined;
  private readonly values: ValueCodec<T>;

  constructor(readonly name: string, private readonly connection: () => NatsConnection, values: KvValueOptions<T> = {}) {
    this.values = valueCodec(values);
  }

  /**
   * The current value of `key`, or undefined when the key has none (never written, deleted or purged).
   * @throws KvError `invalid-value` when the stored value cannot be decoded or fails its DTO rules.
   */
  async get(key: string): Promise<KvEntryOf<T> | undefined> {
    const e = await this.call(key, (kv) => kv.get(key));
    if (!e || e.operation !== 'PUT') return undefined;
    return (await this.toChange(e)) as KvEntryOf<T>;
  }

  /** Writes `value` whatever the key's revision; resolves with the new revision. */
  put(key: string, value: T): Promise<number> {
    return this.call(key, (kv) => kv.put(key, this.values.write(value)));
  }

  /**
   * Writes `value` only if the key has no value (never written, deleted or purged); resolves with the revision.
   * @throws KvError `conflict` (expected 0) when the key has a value.
   */
  create(key: string, value: T): Promise<number> {
    return this.call(key, (kv) => kv.create(key, this.values.write(value)), 0);
  }

  /**
   * Writes `value` only if the key is still at `revision` (optimistic concurrency); resolves with the new revision.
   * @throws KvError `conflict` when another write came first: read the key again and retry.
   */
  update(key: string, value: T, revision: number): Promise<number> {
    return this.call(key, (kv) => kv.update(key, this.values.write(value), revision), revision);
  }

  /** Marks the key deleted (its history stays, up to the bucket's `history`). @throws KvError `conflict` with `revision` set and stale. */
  delete(key: string, options: KvWriteOptions = {}): Promise<void> {
    return this.call(key, (kv) => kv.delete(key, options.revision === undefined ? undefined : { previousSeq: options.revision }), options.revision);
  }

  /** Deletes the key and every earlier revision of it. @throws KvError `conflict` with `revision` set and stale. */
  purge(key: string, options: KvWriteOptions = {}): Promise<void> {
    return this.call(key, (kv) => kv.purge(key, options.revision === undefined ? undefined : { previousSeq: options.revision }), options.revision);
  }

  /**
   * The keys that have a value, matching `filter` (subject wildcards: `orders.*`, `orders.>`; default every key).
   * Streamed: a bucket of a million keys is never held in one array.
   */
  async *keys(filter = '>'): AsyncGenerator<string> {
    const it = await this.call(filter, (kv) => kv.keys(filter));
    for await (const k of it) yield k;
  }

  /**
   * Every kept revision of `key` (or of every key matching a wildcard), oldest first, deletes
   * and purges included; as many as the bucket's `history` keeps per key.
   * @throws KvError `invalid-value` when a stored value cannot be read.
   */
  async history(key: string): Promise<Array<KvChange<T>>> {
    const it = await this.call(key, (kv) => kv.history({ key }));
    const out: Array<KvChange<T>> = [];
    for await (const e of it) out.push(await this.toChange(e));
    return out;
  }

  /** The nats.js bucket, for what this handle does not wrap (`status()`, a raw `watch()`). */
  raw(): Promise<KV> {
    const nc = this.connection();
    if (!this.kv || this.opened !== nc) {
      this.opened = nc;
      this.kv = new Kvm(nc).open(this.name);
      this.kv.catch(() => (this.kv = undefined));
    }
    return this.kv;
  }

  /** Decodes one nats.js entry (a watch uses it too). */
  async toChange(e: KvEntry): Promise<KvChange<T>> {
    const operation = operationOf(e);
    const value = operation === 'put' ? await this.values.read(this.name, e.key, e.value) : undefined;
    return { bucket: this.name, key: e.key, value, revision: e.revision, operation, created: e.created };
  }

  /** Runs one nats.js call, turning its key and revision errors into KvErrors. */
  private async call<R>(key: string, fn: (kv: KV) => Promise<R>, expected?: number): Promise<R> {
    const kv = await this.raw();
    try {
      return await fn(kv);
    } catch (err) {
      const message = (err as Error).message ?? '';
      if (message.startsWith('invalid key')) {
        throw new KvError('invalid-key', `'${key}' is not a valid key for KV bucket '${this.name}': use subject tokens of letters, digits, '-', '_', '/', '=' joined by '.' ('*' and '>' in filters only)`, { bucket: this.name, key }, { cause: err });
      }
      if (expected !== undefined && isWrongLastSequence(err)) {
        const what = expected === 0 ? 'expected no value' : `expected revision ${expected}`;
        throw new KvError('conflict', `key '${key}' of KV bucket '${this.name}' changed: ${what}, but another write came first; read it again and retry`, { bucket: this.name, key, expected }, { cause: err });
      }
      throw err;
    }
  }
}
