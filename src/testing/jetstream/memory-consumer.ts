import type { ConsumerConfig, ConsumerInfo, StoredMessage } from './js-types.js';
import type { MemoryStream } from './memory-stream.js';
import { MemoryDelivery, type AckTarget, type PullEnd, type PullRequest } from './pull-request.js';
import { filterMatches } from './subjects.js';

const NS_PER_MS = 1_000_000;

/** The advisories a consumer raises, as `$JS.EVENT.ADVISORY.CONSUMER.<KIND>.<stream>.<consumer>`. */
export type ConsumerAdvisory = 'MAX_DELIVERIES' | 'MSG_TERMINATED' | 'MSG_NAKED';

/** What a consumer needs from the engine around it. */
export interface ConsumerHost {
  now(): number;
  readonly stream: MemoryStream;
  /** Delivery should run again soon (messages, acks or requests changed). */
  wake(): void;
  /** Calls `fn` at `at` (epoch ms), replacing this owner's previous timer; undefined cancels it. */
  timer(owner: object, at: number | undefined, fn: () => void): void;
  advisory(kind: ConsumerAdvisory, consumer: string, body: Record<string, unknown>): void;
  /** The consumer acknowledged stream sequence `seq` (interest and workqueue retention drop it when no one needs it). */
  acked(seq: number): void;
}

interface Pending { dseq: number; ts: number }
interface Waiting { req: PullRequest; left: number; bytesLeft: number; delivered: number; ended: boolean }
interface Next { msg: StoredMessage; dc: number; redelivery: boolean }

/**
 * A pull consumer with the server's bookkeeping (nats-server 2.9 consumer.go): a delivery and a
 * stream cursor, the pending (unacknowledged) messages with their ack deadlines, redelivery
 * counts and queue, ack floors, and the waiting pull requests served in turn. Messages go to
 * one waiting request each, so several pullers of one durable share its messages.
 */
export class MemoryConsumer implements AckTarget {
  private dseq = 1;
  private sseq: number;
  private readonly pending = new Map<number, Pending>();
  private readonly rdc = new Map<number, number>();
  private rdq: number[] = [];
  private lss: number[] = [];
  /** With `last_per_subject`: the stream's last sequence when the consumer began, where it goes on after the list (the server's `lss.resume`). */
  private lssResume = 0;
  private adflr = 0;
  private asflr: number;
  private waiting: Waiting[] = [];
  private lastDelivered: number | undefined;
  private lastAck: number | undefined;
  private deleted = false;

  constructor(readonly name: string, public config: ConsumerConfig, readonly created: number, private readonly host: ConsumerHost) {
    this.sseq = this.startSeq();
    this.asflr = this.sseq - 1;
  }

  get stream(): MemoryStream { return this.host.stream; }
  get filter(): string | undefined { return this.config.filter_subject; }
  private get ackWait(): number { return this.config.ack_wait / NS_PER_MS; }
  private get explicit(): boolean { return this.config.ack_policy !== 'none'; }

  /** Queues a pull request; messages go out on the next delivery turn. */
  pull(req: PullRequest): () => void {
    const w: Waiting = { req, left: req.batch, bytesLeft: req.maxBytes ?? 0, delivered: 0, ended: false };
    this.waiting.push(w);
    this.host.wake();
    return () => this.endRequest(w, 'cancelled');
  }

  /** Ends a request whose `expires` ran out. */
  expire(req: PullRequest): void {
    const w = this.waiting.find((x) => x.req === req);
    if (w) this.endRequest(w, 'expired');
  }

  get waitingCount(): number { return this.waiting.length; }

  /** Hands available messages to waiting requests, each in turn, until one side runs out. */
  deliverAvailable(): void {
    while (this.waiting.length > 0 && !this.deleted) {
      const next = this.nextMsg();
      if (!next) break;
      const w = this.waiting[0]!;
      const size = Buffer.byteLength(next.msg.subject) + next.msg.data.length;
      if (w.bytesLeft > 0 && size > w.bytesLeft) {
        this.putBack(next);
        this.endRequest(w, 'max-bytes');
        continue;
      }
      if (w.bytesLeft > 0) w.bytesLeft -= size;
      this.waiting.shift();
      w.left--;
      w.delivered++;
      if (w.left > 0 && !(w.req.maxBytes && w.bytesLeft === 0)) this.waiting.push(w);
      const d = this.track(next);
      const last = !this.waiting.includes(w);
      if (last) w.ended = true;
      w.req.deliver(d);
      if (last) w.req.end('batch', w.delivered);
    }
    // a no_wait request does not wait for more
    for (const w of [...this.waiting]) if (w.req.noWait) this.endRequest(w, w.delivered === 0 ? 'no-messages' : 'expired');
  }

  ack(d: MemoryDelivery): void {
    const seq = d.streamSeq;
    if (this.config.ack_policy === 'none') return;
    this.lastAck = this.host.now();
    if (this.config.ack_policy === 'all') {
      if (d.consumerSeq <= this.adflr || seq <= this.asflr) return;
      const from = this.asflr + 1;
      for (const s of [...this.pending.keys()]) if (s <= seq) this.forget(s);
      this.adflr = d.consumerSeq;
      this.asflr = seq;
      for (let s = from; s <= seq; s++) this.host.acked(s);
    } else {
      const p = this.pending.get(seq);
      const dseq = p?.dseq ?? d.consumerSeq;
      this.forget(seq);
      this.moveFloor(dseq, seq);
      this.host.acked(seq);
    }
    this.host.wake();
    this.armAckTimer();
  }

  nak(d: MemoryDelivery, delayMs?: number): void {
    const seq = d.streamSeq;
    if (d.consumerSeq <= this.adflr || d.consumerSeq >= this.dseq) return;
    if (this.pending.size > 0 && !this.pending.has(seq)) return;
    this.host.advisory('MSG_NAKED', this.name, { consumer_seq: d.consumerSeq, stream_seq: seq, deliveries: d.deliveryCount });
    const p = this.pending.get(seq);
    if (delayMs !== undefined && delayMs > 0) {
      this.unqueue(seq);
      // as the server does: the ack wait counts as run out `delayMs` from now
      if (p) p.ts = this.host.now() - this.ackWait + delayMs;
      this.armAckTimer();
      return;
    }
    if (!this.rdq.includes(seq)) this.rdq.push(seq);
    this.host.wake();
    this.armAckTimer();
  }

  term(d: MemoryDelivery, reason?: string): void {
    this.ack(d);
    this.host.advisory('MSG_TERMINATED', this.name, { consumer_seq: d.consumerSeq, stream_seq: d.streamSeq, deliveries: d.deliveryCount, ...(reason ? { reason } : {}) });
  }

  working(d: MemoryDelivery): void {
    const p = this.pending.get(d.streamSeq);
    if (!p) return;
    p.ts = this.host.now();
    this.armAckTimer();
  }

  /** True while this consumer still has to see or acknowledge `seq` (interest retention). */
  needs(seq: number, subject: string): boolean {
    if (!filterMatches(this.filter, subject)) return false;
    if (seq >= this.sseq) return true;
    if (this.config.ack_policy === 'none') return false;
    if (seq <= this.asflr) return false;
    return this.config.ack_policy === 'all' || this.pending.has(seq);
  }

  info(): ConsumerInfo {
    const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
    return {
      stream_name: this.stream.name,
      name: this.name,
      created: new Date(this.created).toISOString(),
      config: { ...this.config, ...(this.config.backoff ? { backoff: [...this.config.backoff] } : {}) },
      delivered: { consumer_seq: this.dseq - 1, stream_seq: this.sseq - 1, ...(this.lastDelivered !== undefined ? { last_active: iso(this.lastDelivered) } : {}) },
      ack_floor: { consumer_seq: this.adflr, stream_seq: this.asflr, ...(this.lastAck !== undefined ? { last_active: iso(this.lastAck) } : {}) },
      num_ack_pending: this.pending.size,
      num_redelivered: this.rdc.size,
      num_waiting: this.waiting.length,
      num_pending: this.numPending(),
    };
  }

  /** Stops: every waiting request ends with `consumer-deleted`, no timer stays. */
  delete(): void {
    this.deleted = true;
    for (const w of [...this.waiting]) this.endRequest(w, 'consumer-deleted');
    this.host.timer(this, undefined, () => undefined);
  }

  private numPending(): number {
    if (this.lss.length > 0) return this.lss.length;
    return this.stream.count(this.sseq, this.filter);
  }

  private startSeq(): number {
    const s = this.stream;
    const c = this.config;
    switch (c.deliver_policy) {
      case 'last': return s.lastMatching(this.filter)?.seq ?? s.lastSeq + 1;
      case 'new': return s.lastSeq + 1;
      case 'by_start_sequence': return Math.max(c.opt_start_seq ?? 1, 1);
      case 'by_start_time': return s.seqAtTime(Date.parse(c.opt_start_time ?? ''));
      case 'last_per_subject': {
        this.lss = s.lastPerSubject(this.filter);
        this.lssResume = s.lastSeq;
        return this.lss[0] ?? s.lastSeq + 1;
      }
      default: return Math.max(s.firstSeq, 1);
    }
  }

  private nextMsg(): Next | undefined {
    while (this.rdq.length > 0) {
      const seq = this.rdq.shift()!;
      const dc = (this.rdc.get(seq) ?? 0) + 2;
      this.rdc.set(seq, dc - 1);
      const max = this.config.max_deliver;
      if (max > 0 && dc > max) {
        if (dc === max + 1) this.host.advisory('MAX_DELIVERIES', this.name, { stream_seq: seq, deliveries: dc - 1 });
        const p = this.pending.get(seq);
        if (p) {
          this.pending.delete(seq);
          this.moveFloor(p.dseq, seq);
        }
        continue;
      }
      const msg = this.stream.get(seq);
      if (!msg) { this.forget(seq); continue; }
      return { msg, dc, redelivery: true };
    }
    if (this.config.max_ack_pending > 0 && this.pending.size >= this.config.max_ack_pending) return undefined;
    if (this.lss.length > 0) {
      const seq = this.lss.shift()!;
      if (this.lss.length === 0) this.sseq = this.lssResume + 1;
      const msg = this.stream.get(seq);
      if (msg) return { msg, dc: 1, redelivery: false };
    }
    const msg = this.stream.next(this.sseq, this.filter);
    if (!msg) {
      this.sseq = Math.max(this.sseq, this.stream.lastSeq + 1);
      return undefined;
    }
    this.sseq = msg.seq + 1;
    return { msg, dc: 1, redelivery: false };
  }

  private putBack(n: Next): void {
    if (n.redelivery) {
      this.rdq.unshift(n.msg.seq);
      this.rdc.set(n.msg.seq, n.dc - 2);
    } else {
      this.sseq = n.msg.seq;
    }
  }

  private track(n: Next): MemoryDelivery {
    const now = this.host.now();
    const dseq = this.dseq++;
    this.lastDelivered = now;
    if (this.explicit) {
      const p = this.pending.get(n.msg.seq);
      // a redelivery keeps the first delivery's sequence, as on the server
      if (p) p.ts = now;
      else this.pending.set(n.msg.seq, { dseq, ts: now });
      this.armAckTimer();
    } else {
      this.adflr = dseq;
      this.asflr = n.msg.seq;
      this.host.acked(n.msg.seq);
    }
    return new MemoryDelivery(this, n.msg, this.stream.name, this.name, dseq, n.dc, this.numPending());
  }

  private forget(seq: number): void {
    this.pending.delete(seq);
    this.rdc.delete(seq);
    this.unqueue(seq);
  }

  private unqueue(seq: number): void {
    const i = this.rdq.indexOf(seq);
    if (i >= 0) this.rdq.splice(i, 1);
  }

  /** Moves the ack floors after `dseq`/`seq` left the pending set (processAckMsg, explicit). */
  private moveFloor(dseq: number, seq: number): void {
    if (this.pending.size === 0) {
      this.adflr = this.dseq - 1;
      this.asflr = this.sseq - 1;
      return;
    }
    if (dseq !== this.adflr + 1) return;
    this.adflr = dseq;
    this.asflr = seq;
    for (let ss = seq + 1; ss < this.sseq; ss++) {
      const p = this.pending.get(ss);
      if (p) {
        this.adflr = p.dseq - 1;
        this.asflr = ss - 1;
        break;
      }
    }
  }

  /** How long `seq` may stay unacknowledged: the ack wait, or its step of `backoff`. */
  private deadline(seq: number): number {
    const b = this.config.backoff;
    if (!b || b.length === 0) return this.ackWait;
    const dc = this.rdc.get(seq) ?? 0;
    return b[Math.min(dc, b.length - 1)]! / NS_PER_MS;
  }

  /** Queues for redelivery every pending message whose ack wait ran out (consumer.go checkPending). */
  private checkPending(): void {
    const now = this.host.now();
    const expired: number[] = [];
    for (const [seq, p] of this.pending) {
      if (!this.stream.get(seq)) { this.forget(seq); continue; }
      if (this.rdq.includes(seq)) continue;
      if (now - p.ts >= this.deadline(seq)) expired.push(seq);
    }
    if (expired.length > 0) {
      expired.sort((a, b) => a - b);
      this.rdq.push(...expired);
      this.host.wake();
    }
    this.armAckTimer();
  }

  private armAckTimer(): void {
    let at: number | undefined;
    for (const [seq, p] of this.pending) {
      if (this.rdq.includes(seq)) continue;
      const due = p.ts + this.deadline(seq);
      if (at === undefined || due < at) at = due;
    }
    this.host.timer(this, at, () => this.checkPending());
  }

  private endRequest(w: Waiting, reason: PullEnd): void {
    if (w.ended) return;
    w.ended = true;
    const i = this.waiting.indexOf(w);
    if (i >= 0) this.waiting.splice(i, 1);
    w.req.end(reason, w.delivered);
  }
}
