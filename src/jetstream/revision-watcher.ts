import type { InboundMessage, Logger } from '../index.js';
import type { HandlerRunner } from '../internal.js';

/** A watch of a store's entries, in revision order, until `stop()` (or until it is lost: it ends or throws). */
export interface RevisionWatch<E> extends AsyncIterable<E> {
  stop(): void;
}

/** A store a `RevisionWatcher` can watch: a key-value bucket or an object store. */
export interface WatchableStore<E> {
  /** The store stream's last sequence (0 when empty). */
  lastRevision(): Promise<number>;
  /** `'last-values'`: each entry's current revision first, then the changes; a number: every change from that revision on. */
  watch(from: 'last-values' | number): Promise<RevisionWatch<E>>;
}

export interface RevisionWatcherParts<E extends { readonly revision: number }> {
  /** For the log, e.g. `the object watch of Invoices.onChange on 'invoices'`. */
  readonly what: string;
  /** Fields of its log lines. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** true: the current entries first (the first opening only), then the changes. */
  readonly initial: boolean;
  /** The store, opened again on every (re)start. */
  readonly open: () => Promise<WatchableStore<E>>;
  /** The runner's message for an entry, or undefined to skip it. `initial`: the entry was current when the watch began. */
  readonly message: (entry: E, initial: boolean) => InboundMessage | undefined;
  readonly concurrency: number;
  readonly log: Logger;
  /** Delay before the n-th attempt to reopen a watch that ended, in ms. */
  readonly retryDelay?: (attempt: number) => number;
}

const defaultDelay = (attempt: number): number => Math.min(250 * 2 ** Math.min(attempt, 5), 5_000);

/**
 * Feeds one handler's runner with a store's entries, in revision order. Remembers the last
 * revision handed over and skips anything at or below it, so a watch that is reset or reopened
 * never hands an entry twice; it reopens from the next revision, so none is missed either. Reads
 * no further while `concurrency` entries are running. (The same loop as `KvWatcher`, for any store.)
 */
export class RevisionWatcher<E extends { readonly revision: number }> {
  private last = 0;
  private first = true;
  private initialUpTo = 0;
  private iter: RevisionWatch<E> | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private inFlight = 0;
  private freed: (() => void) | undefined;
  private runner!: HandlerRunner;

  constructor(private readonly p: RevisionWatcherParts<E>) {}

  /** For the policy: an entry was settled. */
  readonly done = (): void => {
    this.inFlight--;
    const f = this.freed;
    this.freed = undefined;
    f?.();
  };

  /** The last revision handed to the runner (0 before the first). */
  get lastRevision(): number {
    return this.last;
  }

  /** Opens the watch (rejects when the store cannot be watched) and starts feeding `runner`. */
  async start(runner: HandlerRunner): Promise<void> {
    this.runner = runner;
    this.iter = await this.openWatch();
    this.loop = this.run();
  }

  /** Stops reading; resolves once the last entry read was handed to the runner. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.iter?.stop();
    this.freed?.();
    await this.loop;
  }

  private async openWatch(): Promise<RevisionWatch<E>> {
    const store = await this.p.open();
    if (this.first) {
      // the store's end when the watch begins: what is at or below it is current, and a watch of
      // changes only starts after it, so a reopen knows exactly where to resume
      const end = await store.lastRevision();
      if (this.p.initial) this.initialUpTo = end;
      else this.last = Math.max(this.last, end);
    }
    return store.watch(this.first && this.p.initial ? 'last-values' : this.last + 1);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        for await (const e of this.iter!) {
          attempt = 0;
          if (this.stopped) break;
          await this.deliver(e);
        }
      } catch (err) {
        if (!this.stopped) this.p.log.warn(`${this.p.what} failed: ${(err as Error).message}; reopening after revision ${this.last}`, this.p.fields);
      }
      this.first = false;
      while (!this.stopped) {
        await new Promise((r) => setTimeout(r, (this.p.retryDelay ?? defaultDelay)(attempt++)));
        if (this.stopped) break;
        try {
          this.iter = await this.openWatch();
          this.p.log.info(`${this.p.what} resumed after revision ${this.last}`, this.p.fields);
          break;
        } catch (err) {
          if (attempt === 1) this.p.log.warn(`${this.p.what} cannot reopen yet: ${(err as Error).message}; retrying`, this.p.fields);
        }
      }
    }
  }

  private async deliver(e: E): Promise<void> {
    if (e.revision <= this.last) return;
    this.last = e.revision;
    const msg = this.p.message(e, e.revision <= this.initialUpTo);
    if (msg === undefined) return;
    while (this.inFlight >= this.p.concurrency && !this.stopped) await new Promise<void>((r) => (this.freed = r));
    this.inFlight++;
    this.runner.onMessage(msg);
  }
}
