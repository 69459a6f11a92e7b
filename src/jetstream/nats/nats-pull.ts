import type { Msg } from '@nats-io/transport-node';
import type { FetchOptions, JetStreamMessage, PullBatch } from '../backend.js';
import { ConsumerNotFoundError } from '../jetstream.errors.js';
import { toNanos } from './nats-config.js';
import { isAckSubject, NatsJetStreamMessage } from './nats-message.js';
import type { LanePull, PullLane } from './nats-pull-lane.js';

/** Time past `expires` after which a pull the server never closed (408) is ended by the client, ms. */
const EXPIRY_GRACE = 5_000;

/**
 * One pull request (`$JS.API.CONSUMER.MSG.NEXT.<stream>.<durable>`, or `+NXT` on an ack) made
 * through the consumer's `PullLane`. Status messages end it: 404/408 (nothing more / expired),
 * 409 (consumer deleted, leadership change, too many waiting pulls), 503 (no such consumer).
 * Messages that arrive after `stop()` are nak'ed at once so another client of the consumer gets
 * them without waiting for the ack wait.
 */
export class NatsPull implements PullBatch, LanePull {
  delivered = 0;
  readonly request: string;
  private readonly max: number;
  private readonly queue: JetStreamMessage[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  private stopped = false;
  private error: Error | undefined;
  private sentAt = 0;
  private lastSeen = 0;
  private missed = 0;

  constructor(
    private readonly lane: PullLane,
    private readonly stream: string,
    private readonly durable: string,
    private readonly o: FetchOptions,
    private readonly termReason: boolean,
  ) {
    this.max = Math.max(1, Math.floor(o.max));
    const hb = o.heartbeat ?? 0;
    this.request = JSON.stringify({ batch: this.max, expires: toNanos(o.expires), ...(hb > 0 ? { idle_heartbeat: toNanos(hb) } : {}) });
    lane.request(this);
  }

  get serverDone(): boolean {
    return this.ended || this.delivered >= this.max;
  }

  /** How often the lane calls `tick` while this pull is served, ms. */
  get tickEvery(): number {
    const hb = this.o.heartbeat ?? 0;
    return hb > 0 ? hb : 1000;
  }

  failed(err: Error): void {
    this.error = err;
    this.end();
  }

  sent(_reply: string): void {
    this.sentAt = this.lastSeen = Date.now();
  }

  /** Missed heartbeats (2 end it) and an expiry the server never reported end it as lost. */
  tick(now: number): void {
    if (this.ended) return;
    const hb = this.o.heartbeat ?? 0;
    if (hb > 0 && now - this.lastSeen > 2 * hb) {
      this.lastSeen = now;
      this.missed++;
      this.o.onEvent?.({ type: 'heartbeats-missed', count: this.missed });
      if (this.missed >= 2) this.end(true);
    } else if (now - this.sentAt > this.o.expires + EXPIRY_GRACE) {
      this.end(true);
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]!.nak();
    this.queue.length = this.head = 0;
    // the server may still serve this pull: it stops once nobody listens on the lane's inbox
    const open = !this.serverDone;
    this.end();
    if (open) this.lane.reset();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<JetStreamMessage> {
    for (;;) {
      if (this.head < this.queue.length) {
        const m = this.queue[this.head]!;
        this.queue[this.head++] = undefined as never;
        yield m;
        continue;
      }
      this.queue.length = this.head = 0;
      if (this.error) throw this.error;
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  message(msg: Msg): void {
    this.lastSeen = Date.now();
    this.missed = 0;
    if (!isAckSubject(msg.reply)) return;
    const m = new NatsJetStreamMessage(msg, undefined, this.lane, this.termReason);
    if (this.stopped) { m.nak(); return; }
    this.delivered++;
    const take = this.o.onMessage;
    if (take !== undefined) take(m);
    else this.queue.push(m);
    if (this.delivered >= this.max) this.end();
    else if (take === undefined) this.notify();
  }

  status(msg: Msg): void {
    this.lastSeen = Date.now();
    this.missed = 0;
    let code = 0;
    let description = '';
    try {
      code = msg.headers?.code ?? 0;
      description = msg.headers?.description ?? '';
    } catch {
      return;
    }
    if (code === 100) return;
    if (code === 503) this.error = new ConsumerNotFoundError(this.stream, this.durable);
    else if (code === 409 && /consumer deleted/i.test(description)) this.o.onEvent?.({ type: 'consumer-deleted' });
    if (code >= 400) this.end();
  }

  /** `lost`: the server did not end it; it may still hold it, so the lane gives up its inbox. */
  private end(lost = false): void {
    if (!this.ended) {
      this.ended = true;
      this.lane.release(this);
      if (lost) this.lane.reset();
    }
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
