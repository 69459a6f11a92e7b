/** A stored value with the revision an optimistic update must name. */
export interface Stored<T> {
  readonly value: T;
  readonly revision: number;
}

/**
 * A bucket of JSON documents by key. Two implementations: JetStream KV (shared by every
 * replica) and memory (tests, and the in-memory fallback of `npm start`).
 */
export interface DocumentStore<T> {
  get(key: string): Promise<Stored<T> | undefined>;
  list(): Promise<Array<Stored<T>>>;
  /** Stores `value` unless the key exists; resolves false when it does. */
  create(key: string, value: T): Promise<boolean>;
  /** Replaces the value if it is still at `revision`; rejects with ConflictError otherwise. */
  update(key: string, value: T, revision: number): Promise<number>;
}

/** Somebody else changed the document since it was read. */
export class ConflictError extends Error {
  constructor(readonly key: string, options?: ErrorOptions) {
    super(`document '${key}' was changed concurrently`, options);
    this.name = 'ConflictError';
  }
}

/** Opens document stores by name. Inject it by type; the StorageModule picks the implementation. */
export abstract class Storage {
  abstract store<T>(bucket: string): DocumentStore<T>;
}
