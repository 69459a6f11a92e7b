/** A promise a test resolves by hand: holds a task run open until the test lets it finish. */
export interface Deferred<T = void> { promise: Promise<T>; resolve(value: T): void; reject(err: unknown): void }

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
