import type { KvBucket } from '@panini/core/jetstream';
import { ConflictError, type DocumentStore, type Storage, type Stored } from './document-store.js';
import { KvError } from '@panini/core/jetstream';

class KvStore<T> implements DocumentStore<T> {
  constructor(private readonly bucket: KvBucket<T>) {}

  async get(key: string): Promise<Stored<T> | undefined> {
    const e = await this.bucket.get(key);
    return e && { value: e.value, revision: e.revision };
  }

  async list(): Promise<Array<Stored<T>>> {
    const out: Array<Stored<T>> = [];
    for await (const key of this.bucket.keys()) {
      const doc = await this.get(key);
      if (doc) out.push(doc);
    }
    return out;
  }

  async create(key: string, value: T): Promise<boolean> {
    try {
      await this.bucket.create(key, value);
      return true;
    } catch (err) {
      if (KvError.is(err, 'conflict')) return false;
      throw err;
    }
  }

  async update(key: string, value: T, revision: number): Promise<number> {
    try {
      return await this.bucket.update(key, value, revision);
    } catch (err) {
      if (KvError.is(err, 'conflict')) throw new ConflictError(key, { cause: err });
      throw err;
    }
  }
}

/**
 * Documents in JetStream KV buckets, shared by every replica of the service. The buckets are
 * declared in `JetStreamModule.forRoot({ buckets })` (see storage.module.ts), so they exist once
 * the app has started, and their handles are injected.
 */
export class KvStorage implements Storage {
  constructor(private readonly buckets: Readonly<Record<string, KvBucket<unknown>>>) {}

  store<T>(bucket: string): DocumentStore<T> {
    const handle = this.buckets[bucket];
    if (!handle) throw new Error(`no KV bucket '${bucket}' is declared in StorageModule`);
    return new KvStore<T>(handle as KvBucket<T>);
  }
}
