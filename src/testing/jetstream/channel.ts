/**
 * A queue read as an async iterable: `push` from callbacks, `for await` on the other side.
 * `close(err)` ends the iteration once the queued items are read, throwing `err` if given.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiter: (() => void) | undefined;
  private done = false;
  private error: unknown;

  push(item: T): void {
    if (this.done) return;
    this.items.push(item);
    this.wakeUp();
  }

  close(error?: unknown): void {
    if (this.done) return;
    this.done = true;
    this.error = error;
    this.wakeUp();
  }

  /** Ends the iteration now and returns what was queued and not read. */
  takeRest(): T[] {
    const rest = this.items.splice(0);
    this.close();
    return rest;
  }

  get closed(): boolean { return this.done; }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) { yield item; continue; }
      if (this.done) {
        if (this.error !== undefined) throw this.error;
        return;
      }
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
  }

  private wakeUp(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}
