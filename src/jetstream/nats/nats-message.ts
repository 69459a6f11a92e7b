import type { Msg } from '@nats-io/transport-node';
import { readHeaders, type ReadHeaders } from '../../transport/inbound-headers.js';
import type { HeaderRecord } from '../../transport/transport.js';
import type { DeliveryInfo, JetStreamMessage } from '../backend.js';
import { toNanos } from './nats-config.js';
import type { LaneMessage, PullLane } from './nats-pull-lane.js';

const enc = new TextEncoder();
const NAK = enc.encode('-NAK');
const TERM = enc.encode('+TERM');
const WPI = enc.encode('+WPI');

/**
 * The delivery info in a JetStream ack subject: `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ns>.<pending>`
 * or, from servers that add domain and account (ADR-15), `$JS.ACK.<domain>.<account>.<stream>...` with a token more at the end.
 * Undefined when `reply` is not one.
 */
export function parseAckSubject(reply: string | undefined): DeliveryInfo | undefined {
  if (!reply?.startsWith('$JS.ACK.')) return undefined;
  const t = reply.split('.');
  const at = t.length === 9 ? 2 : t.length >= 11 ? 4 : -1;
  if (at < 0) return undefined;
  const deliveryCount = Number(t[at + 2]);
  const tm = t[at + 5]!;
  return {
    stream: t[at]!,
    consumer: t[at + 1]!,
    deliveryCount,
    streamSequence: Number(t[at + 3]),
    consumerSequence: Number(t[at + 4]),
    redelivered: deliveryCount > 1,
    timestamp: tm.length > 6 ? Number(tm.slice(0, -6)) : 0,
    pending: Number(t[at + 6]),
  };
}

/** Whether `reply` has the shape `parseAckSubject` reads (9 tokens, or 11 and more), checked without splitting it. */
export function isAckSubject(reply: string | undefined): reply is string {
  if (!reply?.startsWith('$JS.ACK.')) return false;
  let dots = 0;
  for (let i = reply.indexOf('.'); i >= 0; i = reply.indexOf('.', i + 1)) dots++;
  return dots === 8 || dots >= 10;
}

/**
 * A delivered message over a nats.js `Msg`: headers read once and never thrown from; acks sent
 * at most once, through the consumer's `PullLane`, and never thrown from. Without a lane (ordered
 * consumers) nothing is sent.
 */
export class NatsJetStreamMessage implements JetStreamMessage, LaneMessage {
  readonly reply = undefined;
  private read: ReadHeaders | undefined;
  private done = false;

  /** `parsed` undefined: the delivery info is read from the ack subject when first asked for (its shape checked by `isAckSubject`). */
  constructor(readonly raw: Msg, private parsed: DeliveryInfo | undefined, private readonly lane: PullLane | undefined, private readonly termReason: boolean) {}

  get info(): DeliveryInfo { return (this.parsed ??= parseAckSubject(this.raw.reply)!); }

  get subject(): string { return this.raw.subject; }
  get data(): Uint8Array { return this.raw.data; }
  get headers(): HeaderRecord | undefined { return (this.read ??= readHeaders(this.raw)).headers; }
  get headersError(): JetStreamMessage['headersError'] { return (this.read ??= readHeaders(this.raw)).error; }
  get settled(): boolean { return this.done; }
  get ackSubject(): string { return this.raw.reply ?? ''; }

  ack(): void {
    if (this.done) return;
    this.done = true;
    if (this.lane && this.raw.reply) this.lane.ack(this);
  }
  ackSync(timeoutMs: number): Promise<boolean> {
    if (this.done) return Promise.resolve(false);
    this.ack();
    return this.lane && this.raw.reply ? this.lane.idle(timeoutMs) : Promise.resolve(true);
  }
  nak(delayMs?: number): void {
    this.settle(delayMs !== undefined && delayMs > 0 ? enc.encode(`-NAK ${JSON.stringify({ delay: toNanos(delayMs) })}`) : NAK, false);
  }
  term(reason?: string): void {
    this.settle(reason && this.termReason ? enc.encode(`+TERM ${reason.replace(/[\r\n]+/g, ' ')}`) : TERM, true);
  }
  working(): void {
    if (!this.done && this.lane && this.raw.reply) this.lane.send(this, WPI, false);
  }

  detach(): void {
    const m = this.raw as unknown as { _rdata?: unknown };
    if (m._rdata instanceof Uint8Array && m._rdata.byteLength !== m._rdata.buffer.byteLength) m._rdata = new Uint8Array(m._rdata);
  }

  private settle(body: Uint8Array, final: boolean): void {
    if (this.done) return;
    this.done = true;
    if (this.lane && this.raw.reply) this.lane.send(this, body, final);
  }
}
