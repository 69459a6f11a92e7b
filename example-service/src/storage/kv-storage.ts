import { Kvm, type KV } from '@nats-io/kv';
import type { NatsClient } from '@panini/core';
import { ConflictError, type DocumentStore, type Storage, type Stored } from './document-store.js';

const encoder = new TextEncoder();

/** JetStream answers a write naming a stale revision with "wrong last sequence". */
function isConflict(err: unknown): boolean {
  return /wrong last sequence/i.test((err as Error)?.message ?? '');
}

class KvStore<T> implements DocumentStore<T> {
  constructor(private readonly bucket: () => Promise<KV>) {}

  async get(key: string): Promise<Stored<T> | undefined> {
    const e = await (await this.bucket()).get(key);
    if (!e || e.operation !== 'PUT') return undefined;
    return { value: e.json<T>(), revision: e.revision };
  }

  async list(): Promise<Array<Stored<T>>> {
    const kv = await this.bucket();
    const out: Array<Stored<T>> = [];
    for await (const key of await kv.keys()) {
      const doc = await this.get(key);
      if (doc) out.push(doc);
    }
    return out;
  }

  async create(key: string, value: T): Promise<boolean> {
    try {
      await (await this.bucket()).create(key, encoder.encode(JSON.stringify(value)));
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async update(key: string, value: T, revision: number): Promise<number> {
    try {
      return await (await this.bucket()).update(key, encoder.encode(JSON.stringify(value)), revision);
    } catch (err) {
      if (isConflict(err)) throw new ConflictError(key, { cause: err });
      throw err;
    }
  }
}

/**
 * Documents in JetStream KV buckets, shared by every replica of the service. Buckets are created
 * on first use (the connection only exists once the app has started).
 */
export class KvStorage implements Storage {
  private readonly buckets = new Map<string, Promise<KV>>();

  constructor(private readonly nats: NatsClient) {}

  store<T>(bucket: string): DocumentStore<T> {
    return new KvStore<T>(() => this.open(bucket));
  }

  private open(bucket: string): Promise<KV> {
    let kv = this.buckets.get(bucket);
    if (!kv) {
      kv = new Kvm(this.nats.connection).create(bucket, { history: 1 });
      this.buckets.set(bucket, kv);
      // a failure (JetStream not enabled, say) is retried on the next call instead of cached
      kv.catch(() => this.buckets.delete(bucket));
    }
    return kv;
  }
}
