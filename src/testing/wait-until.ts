import { TestingError } from './testing.errors.js';
import { nextTurn } from './real-timers.js';

export interface WaitUntilOptions {
  /** Milliseconds before giving up (default 2000). */
  timeout?: number;
  /** Named in the error, e.g. 'the mock to be called twice'. */
  what?: string;
}

/**
 * Resolves with the first truthy result of `check`, which is retried on every turn of the event
 * loop (and then every few ms); rejects with a `TestingError` of kind 'timeout' at the deadline.
 * For effects no recorded message announces, such as a mock called by a handler on a real server.
 * @example
 * await waitUntil(() => repo.save.mock.callCount() === 1, { what: 'the order to be saved' });
 */
export async function waitUntil<T>(check: () => T | Promise<T>, options: WaitUntilOptions = {}): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? 2000;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (let spins = 0; ; spins++) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `; the check last threw: ${lastError.message}` : '';
      throw new TestingError('timeout', `gave up after ${timeout} ms waiting for ${options.what ?? 'the condition'}${why}`, { cause: lastError });
    }
    await nextTurn(spins);
  }
}
