import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { FetchOptions, JetStreamMessage, PullBatch } from '../backend.js';
import { ConsumerNotFoundError } from '../jetstream.errors.js';
import { toNanos } from './nats-config.js';
import { NatsJetStreamMessage, parseAckSubject } from './nats-message.js';

/** Time past `expires` after which a pull the server never closed (408) is ended by the client, ms. */
const EXPIRY_GRACE = 5_000;

/**
 * One pull request (`$JS.API.CONSUMER.MSG.NEXT.<stream>.<durable>`) on its own inbox. Status
 * messages end it: 404/408 (nothing more / expired), 409 (consumer deleted, leadership change,
 * too many waiting pulls), 503 (no such consumer). Messages that arrive after `stop()` are
 * nak'ed at once so another client of the consumer gets them without waiting for the ack wait.
 */
export class NatsPull implements PullBatch {
  delivered = 0;
  private readonly queue: JetStreamMessage[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  private stopped = false;
  private error: Error | undefined;
  private sub: Subscription | undefined;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private lastSeen = Date.now();
  private missed = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly stream: string,
    private readonly durable: string,
    private readonly o: FetchOptions,
    private readonly termReason: boolean,
  ) {
    try {
      const inbox = createInbox();
      this.sub = nc.subscribe(inbox, { callback: (_err, msg) => this.onMsg(msg) });
      const hb = o.heartbeat ?? 0;
      const body = { batch: Math.max(1, Math.floor(o.max)), expires: toNanos(o.expires), ...(hb > 0 ? { idle_heartbeat: toNanos(hb) } : {}) };
      nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`, JSON.stringify(body), { reply: inbox });
      if (hb > 0) this.timers.push(setInterval(() => this.checkHeartbeat(hb), hb));
      this.timers.push(setTimeout(() => this.end(), o.expires + EXPIRY_GRACE));
      for (const t of this.timers) t.unref?.();
    } catch (err) {
      this.error = err as Error;
      this.end();
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]!.nak();
    this.queue.length = this.head = 0;
    this.end(true);
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

  private onMsg(msg: Msg): void {
    this.lastSeen = Date.now();
    this.missed = 0;
    const info = parseAckSubject(msg.reply);
    if (info !== undefined) {
      const m = new NatsJetStreamMessage(msg, info, this.nc, this.termReason);
      if (this.stopped) { m.nak(); return; }
      this.delivered++;
      this.queue.push(m);
      if (this.delivered >= this.o.max) this.end();
      else this.notify();
      return;
    }
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

  private checkHeartbeat(hb: number): void {
    if (Date.now() - this.lastSeen <= 2 * hb) return;
    this.lastSeen = Date.now();
    this.missed++;
    this.o.onEvent?.({ type: 'heartbeats-missed', count: this.missed });
    if (this.missed >= 2) this.end();
  }

  private end(drain = false): void {
    if (!this.ended) {
      this.ended = true;
      for (const t of this.timers) clearTimeout(t);
      this.timers = [];
      const sub = this.sub;
      // after stop() the UNSUB travels with a flush, so what the server sent before it is still nak'ed
      if (sub && !sub.isClosed()) {
        if (drain) sub.drain().catch(() => undefined);
        else sub.unsubscribe();
      }
    }
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
