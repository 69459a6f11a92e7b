import { KvWatchInclude, type KV, type KvEntry } from '@nats-io/kv';
import { malformedHeaders } from '../../transport/inbound-headers.js';
import type { KvOperation } from '../kv/kv-bucket.js';
import { conflict, invalidKey } from '../kv/kv-keys.js';
import { isWrongLastSequence } from '../kv/kv.errors.js';
import type { KvStore, KvStoreEntry, KvStoreWatch, KvStoreWatchOptions } from '../store-backend.js';

const OPERATIONS: Record<KvEntry['operation'], KvOperation> = { PUT: 'put', DEL: 'delete', PURGE: 'purge' };

/** Maps a nats.js entry's operation to Panini's. */
export const operationOf = (e: Pick<KvEntry, 'operation'>): KvOperation => OPERATIONS[e.operation] ?? 'put';

/** A bucket over nats.js's `KV`: every call as nats.js makes it, its key and revision errors as `KvError`s. */
export class NatsKvStore implements KvStore {
  constructor(readonly bucket: string, readonly kv: KV) {}

  async get(key: string): Promise<KvStoreEntry | undefined> {
    const e = await this.call(key, () => this.kv.get(key));
    return e ? this.entry(e) : undefined;
  }

  put(key: string, value: Uint8Array): Promise<number> {
    return this.call(key, () => this.kv.put(key, value));
  }

  create(key: string, value: Uint8Array): Promise<number> {
    return this.call(key, () => this.kv.create(key, value), 0);
  }

  update(key: string, value: Uint8Array, revision: number): Promise<number> {
    return this.call(key, () => this.kv.update(key, value, revision), revision);
  }

  delete(key: string, revision?: number): Promise<void> {
    return this.call(key, () => this.kv.delete(key, revision === undefined ? undefined : { previousSeq: revision }), revision);
  }

  purge(key: string, revision?: number): Promise<void> {
    return this.call(key, () => this.kv.purge(key, revision === undefined ? undefined : { previousSeq: revision }), revision);
  }

  async *keys(filter: string): AsyncGenerator<string> {
    const it = await this.call(filter, () => this.kv.keys(filter));
    for await (const k of it) yield k;
  }

  async *history(key: string): AsyncGenerator<KvStoreEntry> {
    const it = await this.call(key, () => this.kv.history({ key }));
    for await (const e of it) yield this.entry(e);
  }

  async lastRevision(): Promise<number> {
    return (await this.kv.status()).streamInfo.state.last_seq;
  }

  async watch(o: KvStoreWatchOptions): Promise<KvStoreWatch> {
    const from = o.from === 'last-values' ? {} : { resumeFromRevision: o.from, include: KvWatchInclude.AllHistory };
    const iter = await this.call(o.key, () => this.kv.watch({ key: o.key, include: KvWatchInclude.LastValue, ...from }));
    const entry = (e: KvEntry): KvStoreEntry => this.entry(e);
    return {
      stop: () => iter.stop(),
      async *[Symbol.asyncIterator]() {
        for await (const e of iter) yield entry(e);
      },
    };
  }

  /** Never throws: nats.js reads the operation from the header block, and throws on one it refuses. */
  private entry(e: KvEntry): KvStoreEntry {
    const base = { bucket: this.bucket, key: e.key, value: e.value, revision: e.revision, created: e.created };
    try {
      return { ...base, operation: operationOf(e) };
    } catch (err) {
      return { ...base, operation: 'put', headersError: malformedHeaders(err) };
    }
  }

  /** Runs one nats.js call, turning its key and revision errors into KvErrors. */
  private async call<R>(key: string, fn: () => Promise<R>, expected?: number): Promise<R> {
    try {
      return await fn();
    } catch (err) {
      const message = (err as Error).message ?? '';
      if (message.startsWith('invalid key')) throw invalidKey(this.bucket, key, err);
      if (expected !== undefined && isWrongLastSequence(err)) throw conflict(this.bucket, key, expected, err);
      throw err;
    }
  }
}
