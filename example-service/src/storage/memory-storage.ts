import { ConflictError, type DocumentStore, type Storage, type Stored } from './document-store.js';

class MemoryStore<T> implements DocumentStore<T> {
  private readonly docs = new Map<string, Stored<T>>();
  private revision = 0;

  async get(key: string): Promise<Stored<T> | undefined> {
    const d = this.docs.get(key);
    // copies, so callers never share state with the store (as with a real database)
    return d && { value: structuredClone(d.value), revision: d.revision };
  }

  async list(): Promise<Array<Stored<T>>> {
    return [...this.docs.values()].map((d) => ({ value: structuredClone(d.value), revision: d.revision }));
  }

  async create(key: string, value: T): Promise<boolean> {
    if (this.docs.has(key)) return false;
    this.docs.set(key, { value: structuredClone(value), revision: ++this.revision });
    return true;
  }

  async update(key: string, value: T, revision: number): Promise<number> {
    if (this.docs.get(key)?.revision !== revision) throw new ConflictError(key);
    this.docs.set(key, { value: structuredClone(value), revision: ++this.revision });
    return this.revision;
  }
}

/** Documents in this process's memory: for tests and for running without NATS. */
export class MemoryStorage implements Storage {
  private readonly stores = new Map<string, MemoryStore<unknown>>();

  store<T>(bucket: string): DocumentStore<T> {
    let s = this.stores.get(bucket);
    if (!s) this.stores.set(bucket, (s = new MemoryStore<unknown>()));
    return s as DocumentStore<T>;
  }
}
