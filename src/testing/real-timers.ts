/**
 * The timer functions as they were when the kit was loaded. A test that installs fake timers
 * afterwards (`vi.useFakeTimers()`, `jest.useFakeTimers()`, `mock.timers.enable()`) must not
 * stall message delivery or the kit's deadlines.
 */
export const realSetImmediate: typeof setImmediate = globalThis.setImmediate;
export const realSetTimeout: typeof setTimeout = globalThis.setTimeout;
export const realClearTimeout: typeof clearTimeout = globalThis.clearTimeout;

/** Resolves on a later turn of the event loop: the next one at first, then every ms. */
export function nextTurn(spins: number): Promise<void> {
  // a handler waiting on a timer needs the clock to move; do not spin the CPU meanwhile
  return new Promise((resolve) => (spins < 50 ? realSetImmediate(resolve) : realSetTimeout(resolve, 1)));
}
