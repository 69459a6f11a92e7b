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
  /** The connection's status events (`nc.status()`), read for `disconnect` and `reconnect`. */
  readonly status?: () => AsyncIterable<{ type: string }>;
}

type Events = AsyncIterable<{ type: string }> & { stop?(): void };

const defaultDelay = (attempt: number): number => Math.min(250 * 2 ** Math.min(attempt, 5), 5_000);

/**
 * Feeds one handler's runner with a store's entries, in revision order. Remembers the last
 * revision handed over and skips anything at or below it, so a watch that is reset or reopened
 * never hands an entry twice; it reopens from the next revision, so none is missed either. Reads
 * no further while `concurrency` entries are running. `@KvWatch` and `@ObjectWatch` handlers run on it.
 *
 * A watch is not trusted across a lost connection: on `disconnect` it is dropped (what it still
 * yields is not handed over) and, once reconnected, a new one opens after the last revision
 * handed over, whatever the server kept of the old consumer (behind, ahead, or gone).
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
  /** Bumped on every disconnect: a watch opened under an older one is dropped. */
  private connection = 0;
  private away = false;
  private back: (() => void) | undefined;
  private events: Events | undefined;

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
    this.followConnection();
    this.loop = this.run();
  }

  /** Stops reading; resolves once the last entry read was handed to the runner. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.iter?.stop();
    this.events?.stop?.();
    this.freed?.();
    this.back?.();
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

  /** Drops the watch on every disconnect and lets the reopen wait for the reconnect. */
  private followConnection(): void {
    const events = this.p.status?.() as Events | undefined;
    if (!events) return;
    this.events = events;
    void (async () => {
      for await (const s of events) {
        if (this.stopped) return;
        if (s.type === 'disconnect' && !this.away) {
          this.away = true;
          this.connection++;
          this.iter?.stop();
          this.p.log.info(`${this.p.what} lost its connection; it reopens after revision ${this.last} once reconnected`, this.p.fields);
        } else if (s.type === 'reconnect') {
          this.away = false;
          const b = this.back;
          this.back = undefined;
          b?.();
        }
      }
    })().catch((err: unknown) => {
      // the status feed broke: watches are still reopened when they end
      if (!this.stopped) this.p.log.warn(`${this.p.what} no longer follows its connection: ${(err as Error).message}`, this.p.fields);
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      const opened = this.connection;
      try {
        for await (const e of this.iter!) {
          // an entry a dropped watch still yields is read again by the next one
          if (this.stopped || opened !== this.connection) break;
          attempt = 0;
          await this.deliver(e);
        }
      } catch (err) {
        if (!this.stopped && opened === this.connection) this.p.log.warn(`${this.p.what} failed: ${(err as Error).message}; reopening after revision ${this.last}`, this.p.fields);
      }
      this.iter!.stop();
      this.first = false;
      while (!this.stopped) {
        if (this.away) await new Promise<void>((r) => (this.back = r));
        else await new Promise((r) => setTimeout(r, (this.p.retryDelay ?? defaultDelay)(attempt++)));
        if (this.stopped) break;
        if (this.away) continue;
        const opening = this.connection;
        try {
          this.iter = await this.openWatch();
        } catch (err) {
          if (attempt === 1) this.p.log.warn(`${this.p.what} cannot reopen yet: ${(err as Error).message}; retrying`, this.p.fields);
          continue;
        }
        if (opening !== this.connection) {
          // opened on the connection that was just lost: drop it too
          this.iter.stop();
          continue;
        }
        this.p.log.info(`${this.p.what} resumed after revision ${this.last}`, this.p.fields);
        break;
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
