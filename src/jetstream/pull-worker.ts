import type { Logger } from '../index.js';
import type { SourceEvent } from '../internal.js';
import type { BackendEvent, JetStreamBackend, JetStreamMessage, PullBatch } from './backend.js';
import { ConsumerNotFoundError, StreamNotFoundError } from './jetstream.errors.js';

export interface PullWorkerParts {
  backend: JetStreamBackend;
  stream: string;
  durable: string;
  handler: string;
  concurrency: number;
  /** ms; in-progress is sent every half of it for messages still running. */
  ackWait: number;
  expires: number;
  heartbeat: number;
  ackFirst: boolean;
  /** ms; how long closing waits for the server to confirm the last acks. */
  confirmTimeout: number;
  log: Logger;
  deliver(m: JetStreamMessage): void;
  emit(e: SourceEvent): void;
  /** Recreates the consumer after it was deleted; undefined when it is managed elsewhere. */
  recreate: (() => Promise<unknown>) | undefined;
}

const RETRY_MIN = 250;
const RETRY_MAX = 5_000;

/**
 * Pulls a durable consumer with at most `concurrency` messages unacknowledged at any time:
 * messages running plus messages asked for in open pulls never exceed it, so the server never
 * sends more than the handler can start at once, and nothing waits in a buffer while its ack
 * wait runs. A slot is freed when its message's ack is sent; the backend serves the next pull
 * only after the acks sent before it are applied. One pull is served at a time: a new one asks
 * for the free slots once the previous one received all it asked for (or ended) and half of the
 * slots are free (or nothing is running), so a busy consumer makes one request per half of its
 * slots, and it usually rides on the ack that freed the last of them.
 */
export class PullWorker {
  private readonly inFlight = new Map<JetStreamMessage, number>();
  private requested = 0;
  /** Open pulls and how many messages each asked for. */
  private readonly open = new Map<PullBatch, number>();
  private running = false;
  private retryDelay = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private progressTimer: ReturnType<typeof setInterval> | undefined;
  private missing = false;
  private heartbeatsMissed = false;
  /** Heartbeats stopped or the consumer was reported deleted: check it exists before the next pull. */
  private suspect = false;
  /** A pull failed and was logged: further failures of this episode are not. */
  private failing = false;

  constructor(private readonly p: PullWorkerParts) {}

  start(): void {
    this.running = true;
    const every = Math.max(50, Math.floor(this.p.ackWait / 2));
    this.progressTimer = setInterval(() => this.progress(), every);
    this.progressTimer.unref?.();
    this.pump();
  }

  /** Stops pulling: open pulls end and nak what they received and did not hand out. */
  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    for (const b of this.open.keys()) b.stop();
  }

  /** Once every message in flight is settled: clears the in-progress timer and waits (bounded) until the server applied the acks. */
  async dispose(): Promise<void> {
    clearInterval(this.progressTimer);
    await this.p.backend.settled?.(this.p.stream, this.p.durable, this.p.confirmTimeout);
  }

  /** The policy settled (or refused) `m`: its slot is free. */
  readonly done = (m: JetStreamMessage): void => {
    if (!this.inFlight.delete(m)) return;
    this.pump();
  };

  private pump(): void {
    if (!this.running || this.retryTimer !== undefined) return;
    for (const [b, n] of this.open) if (b.delivered < n) return;
    const free = this.p.concurrency - this.inFlight.size - this.requested;
    if (free <= 0) return;
    if (free < Math.ceil(this.p.concurrency / 2) && this.inFlight.size + this.requested > 0) return;
    this.pull(free);
  }

  private pull(n: number): void {
    this.requested += n;
    const batch = this.p.backend.fetch(this.p.stream, this.p.durable, { max: n, expires: this.p.expires, heartbeat: this.p.heartbeat, onEvent: this.onEvent, onMessage: this.take });
    this.open.set(batch, n);
    void this.read(batch, n);
  }

  private readonly take = (m: JetStreamMessage): void => {
    this.requested--;
    if (!this.running) { m.nak(); return; }
    this.healthy();
    this.inFlight.set(m, Date.now());
    if (this.p.ackFirst) m.ack();
    this.p.deliver(m);
  };

  private async read(batch: PullBatch, n: number): Promise<void> {
    let failed: unknown;
    try {
      // messages go to take() as they arrive; a backend without onMessage yields them here
      for await (const m of batch) this.take(m);
    } catch (err) {
      failed = err;
    } finally {
      this.requested -= n - batch.delivered;
      this.open.delete(batch);
    }
    if (failed === undefined && this.suspect) {
      // a pull to a consumer that is gone gets no answer at all (the server's API subscription takes it): ask
      this.suspect = false;
      try {
        await this.p.backend.consumerInfo(this.p.stream, this.p.durable);
      } catch (err) {
        failed = err;
      }
    }
    if (failed !== undefined) await this.onPullError(failed);
    else this.pump();
  }

  private async onPullError(err: unknown): Promise<void> {
    const gone = ConsumerNotFoundError.is(err) || StreamNotFoundError.is(err);
    if (gone && !this.missing) {
      this.missing = true;
      this.p.emit({ type: 'consumer-deleted', kind: 'jetstream', handler: this.p.handler, consumer: this.p.durable });
      this.p.log.error(`consumer '${this.p.durable}' of stream '${this.p.stream}' is gone; ${this.p.recreate ? 'recreating it' : 'it is managed outside this service: retrying until it is back'}`, { handler: this.p.handler });
    } else if (!gone && !this.failing) {
      this.failing = true;
      this.p.log.warn(`pulling consumer '${this.p.durable}' of stream '${this.p.stream}' failed: ${(err as Error).message}; retrying`, { handler: this.p.handler });
    }
    if (gone && this.p.recreate) {
      await new Promise((r) => setTimeout(r, RETRY_MIN));
      try {
        await this.p.recreate();
        this.p.log.info(`recreated consumer '${this.p.durable}' of stream '${this.p.stream}'`, { handler: this.p.handler });
        this.missing = false;
        this.retryDelay = 0;
        this.pump();
        return;
      } catch (e) {
        this.p.log.debug(`recreating consumer '${this.p.durable}' failed: ${(e as Error).message}`);
      }
    }
    this.retryDelay = Math.min(RETRY_MAX, Math.max(RETRY_MIN, this.retryDelay * 2));
    this.retryTimer = setTimeout(() => { this.retryTimer = undefined; this.pump(); }, this.retryDelay);
    this.retryTimer.unref?.();
  }

  private readonly onEvent = (e: BackendEvent): void => {
    this.suspect = true;
    if (e.type === 'heartbeats-missed') {
      if (this.heartbeatsMissed) return;
      this.heartbeatsMissed = true;
      this.p.emit({ type: 'heartbeats-missed', kind: 'jetstream', handler: this.p.handler, count: e.count });
    } else if (e.type === 'consumer-deleted' && !this.missing) {
      this.missing = true;
      this.p.emit({ type: 'consumer-deleted', kind: 'jetstream', handler: this.p.handler, consumer: this.p.durable });
      this.p.log.error(`consumer '${this.p.durable}' of stream '${this.p.stream}' was deleted; ${this.p.recreate ? 'recreating it' : 'it is managed outside this service: retrying until it is back'}`, { handler: this.p.handler });
      // the next pull finds it missing and recreates it (after a short pause, so the server finished deleting)
    }
  };

  /** A message arrived: a later loss of heartbeats or consumer is a new episode, logged again. */
  private healthy(): void {
    if (this.heartbeatsMissed) {
      this.heartbeatsMissed = false;
      this.p.log.info(`consumer '${this.p.durable}' of stream '${this.p.stream}' delivers again`, { handler: this.p.handler });
    }
    this.missing = false;
    this.failing = false;
    this.retryDelay = 0;
  }

  /** In-progress for every message running longer than a quarter of the ack wait since it started or was last reported. */
  private progress(): void {
    const now = Date.now();
    const quarter = this.p.ackWait / 4;
    for (const [m, since] of this.inFlight) {
      if (m.settled || now - since < quarter) continue;
      m.working();
      this.inFlight.set(m, now);
    }
  }
}
