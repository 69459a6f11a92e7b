import type { Logger, InboundMessage } from '../../index.js';
import type { HandlerRunner } from '../../internal.js';
import type { KvStore, KvStoreEntry, KvStoreWatch } from '../store-backend.js';
import { asRaw } from './kv-change.js';
import type { KvWatchSpec } from './kv-watch.decorator.js';

export interface KvWatcherParts {
  readonly name: string;
  readonly spec: KvWatchSpec;
  /** The bucket, opened again on every (re)start. */
  readonly open: () => Promise<KvStore>;
  readonly concurrency: number;
  readonly log: Logger;
  /** Delay before the n-th attempt to reopen a watch that ended, in ms. */
  readonly retryDelay?: (attempt: number) => number;
}

type Iter = KvStoreWatch;

const defaultDelay = (attempt: number): number => Math.min(250 * 2 ** Math.min(attempt, 5), 5_000);

/**
 * Feeds one handler's runner with the changes of a bucket, in revision order. Remembers the last
 * revision handed over and skips anything at or below it, so a watch that is reset or reopened
 * (the server restarted; nats.js gave up recreating its ordered consumer) never hands a change
 * twice; it reopens from the next revision, so none is missed either. Reads no further while
 * `concurrency` changes are running.
 */
export class KvWatcher {
  private last = 0;
  private first = true;
  private initialUpTo = 0;
  private iter: Iter | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private inFlight = 0;
  private freed: (() => void) | undefined;
  private runner!: HandlerRunner;

  constructor(private readonly p: KvWatcherParts) {}

  /** For the policy: a change was settled. */
  readonly done = (): void => {
    this.inFlight--;
    const f = this.freed;
    this.freed = undefined;
    f?.();
  };

  /** Opens the watch (start-up fails when the bucket cannot be watched) and starts feeding `runner`. */
  async start(runner: HandlerRunner): Promise<void> {
    this.runner = runner;
    this.iter = await this.openWatch();
    this.loop = this.run();
  }

  /** Stops reading; resolves once the last change read was handed to the runner. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.iter?.stop();
    this.freed?.();
    await this.loop;
  }

  private async openWatch(): Promise<Iter> {
    const kv = await this.p.open();
    const { key, initial } = this.p.spec;
    if (this.first) {
      // the bucket's end when the watch begins: what is at or below it is a current value, and a
      // watch of changes only starts after it, so a reopen knows exactly where to resume
      const end = await kv.lastRevision();
      if (initial) this.initialUpTo = end;
      else this.last = Math.max(this.last, end);
    }
    return kv.watch({ key, from: this.first && initial ? 'last-values' : this.last + 1 });
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
        if (!this.stopped) this.p.log.warn(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' failed: ${(err as Error).message}; reopening after revision ${this.last}`, { handler: this.p.name, bucket: this.p.spec.bucket });
      }
      this.first = false;
      while (!this.stopped) {
        await new Promise((r) => setTimeout(r, (this.p.retryDelay ?? defaultDelay)(attempt++)));
        if (this.stopped) break;
        try {
          this.iter = await this.openWatch();
          this.p.log.info(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' resumed after revision ${this.last}`, { handler: this.p.name, bucket: this.p.spec.bucket });
          break;
        } catch (err) {
          if (attempt === 1) this.p.log.warn(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' cannot reopen yet: ${(err as Error).message}; retrying`, { handler: this.p.name, bucket: this.p.spec.bucket });
        }
      }
    }
  }

  private async deliver(e: KvStoreEntry): Promise<void> {
    if (e.revision <= this.last) return;
    this.last = e.revision;
    // a change written with a header block nats.js refuses (any client can write to $KV.>) is
    // handed on with the error, so the pipeline refuses it as a 400 that names the key, counted
    const { operation, headersError } = e;
    const initial = e.revision <= this.initialUpTo;
    // the current values are values: a key deleted before the watch began is not one
    if (!headersError && initial && operation !== 'put') return;
    if (!headersError && !this.p.spec.operations.includes(operation)) return;
    while (this.inFlight >= this.p.concurrency && !this.stopped) await new Promise<void>((r) => (this.freed = r));
    this.inFlight++;
    const msg: InboundMessage = {
      subject: e.key,
      data: e.value,
      raw: asRaw({ bucket: e.bucket, key: e.key, revision: e.revision, operation, created: e.created, initial }),
      ...(headersError ? { headersError } : {}),
    };
    this.runner.onMessage(msg);
  }
}
