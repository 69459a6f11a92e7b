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
  /** The connection's status events (`nc.status()`), read for `disconnect` and `reconnect`. */
  readonly status?: () => AsyncIterable<{ type: string }>;
}

type Iter = KvStoreWatch;
type Events = AsyncIterable<{ type: string }> & { stop?(): void };

const defaultDelay = (attempt: number): number => Math.min(250 * 2 ** Math.min(attempt, 5), 5_000);

/**
 * Feeds one handler's runner with the changes of a bucket, in revision order. Remembers the last
 * revision handed over and skips anything at or below it, so a watch that is reset or reopened
 * (the server restarted; nats.js gave up recreating its ordered consumer) never hands a change
 * twice; it reopens from the next revision, so none is missed either. Reads no further while
 * `concurrency` changes are running.
 *
 * A watch is not trusted across a lost connection: on `disconnect` it is dropped (what it still
 * yields is not handed over) and, once reconnected, a new one opens after the last revision
 * handed over. The consumer the server kept may be behind, ahead or gone (removed after its
 * inactivity threshold while the connection was away, or not recovered after a crash), and
 * nats.js would notice a missing one only after two idle heartbeats (60 s).
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
  /** Bumped on every disconnect: a watch opened under an older one is dropped. */
  private connection = 0;
  private away = false;
  private back: (() => void) | undefined;
  private events: Events | undefined;

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
    this.followConnection();
    this.loop = this.run();
  }

  /** Stops reading; resolves once the last change read was handed to the runner. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.iter?.stop();
    this.events?.stop?.();
    this.freed?.();
    this.back?.();
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
          this.p.log.info(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' lost its connection; it reopens after revision ${this.last} once reconnected`, { handler: this.p.name, bucket: this.p.spec.bucket });
        } else if (s.type === 'reconnect') {
          this.away = false;
          const b = this.back;
          this.back = undefined;
          b?.();
        }
      }
    })().catch((err: unknown) => {
      // the status feed broke: watches are still reopened when nats.js ends them
      if (!this.stopped) this.p.log.warn(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' no longer follows its connection: ${(err as Error).message}`, { handler: this.p.name, bucket: this.p.spec.bucket });
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
        if (!this.stopped && opened === this.connection) this.p.log.warn(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' failed: ${(err as Error).message}; reopening after revision ${this.last}`, { handler: this.p.name, bucket: this.p.spec.bucket });
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
          if (attempt === 1) this.p.log.warn(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' cannot reopen yet: ${(err as Error).message}; retrying`, { handler: this.p.name, bucket: this.p.spec.bucket });
          continue;
        }
        if (opening !== this.connection) {
          // opened on the connection that was just lost: drop it too
          this.iter.stop();
          continue;
        }
        this.p.log.info(`the KV watch of ${this.p.name} on '${this.p.spec.bucket}' resumed after revision ${this.last}`, { handler: this.p.name, bucket: this.p.spec.bucket });
        break;
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
