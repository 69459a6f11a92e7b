import { ServiceError } from '@panini/core';
import { ConflictError, type DocumentStore } from './document-store.js';

/** What a change decides: the new value to store (none: leave it), and what to answer. */
export interface Change<T, R> {
  value?: T;
  result: R;
}

const ATTEMPTS = 20;

/**
 * Read, change, write back if nobody wrote in between; otherwise read again and retry. This is
 * what keeps two replicas from double-booking the same stock.
 */
export async function modify<T, R>(store: DocumentStore<T>, key: string, change: (current: T | undefined) => Change<T, R>): Promise<R> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const current = await store.get(key);
    const next = change(current === undefined ? undefined : structuredClone(current.value));
    if (next.value === undefined) return next.result;
    try {
      if (current === undefined) {
        if (await store.create(key, next.value)) return next.result;
      } else {
        await store.update(key, next.value, current.revision);
        return next.result;
      }
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw new ServiceError(503, `'${key}' is too busy right now; try again`);
}
