import { waitUntil } from '../../src/testing/index.js';

/** The testing kit's `waitUntil` with positional arguments and a roomier default for real-server tests. */
export function waitFor<T>(check: () => T | Promise<T>, what = 'condition', timeout = 15_000): Promise<NonNullable<T>> {
  return waitUntil(check, { what, timeout });
}
