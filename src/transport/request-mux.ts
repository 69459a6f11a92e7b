import { NoRespondersError, RequestTimeoutError } from '../errors/request.errors.js';
import type { InboundMessage } from './transport.js';

interface Pending {
  resolve: (msg: InboundMessage) => void;
  reject: (err: Error) => void;
  subject: string;
  timeout: number;
  deadline: number;
}

const SWEEP_MS = 10;

/**
 * Matches replies to requests over one shared inbox subscription, with one timer sweeping
 * deadlines instead of a timer (and an Error with a stack) per request. Used by every transport,
 * so requests behave the same on NATS and in memory.
 */
export class RequestMux {
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly prefix: string) {}

  /** Registers a request and returns the reply subject to send it with. */
  add(subject: string, timeout: number, resolve: Pending['resolve'], reject: Pending['reject']): string {
    const token = (++this.seq).toString(36);
    this.pending.set(token, { resolve, reject, subject, timeout, deadline: Date.now() + timeout });
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.sweep(), Math.min(SWEEP_MS, Math.max(1, timeout)));
      this.timer.unref();
    }
    return `${this.prefix}.${token}`;
  }

  /** Hands a message that arrived on the inbox to its request. */
  deliver(msg: InboundMessage, noResponders: boolean): void {
    const token = msg.subject.slice(this.prefix.length + 1);
    const p = this.pending.get(token);
    if (p === undefined) return; // late reply after a timeout: nothing waits for it any more
    this.remove(token);
    if (noResponders) p.reject(new NoRespondersError(p.subject));
    else p.resolve(msg);
  }

  /**
   * Fails one request now (for example when sending it threw, or its reply cannot be read).
   * `err` may be built from the request's subject.
   */
  fail(replySubject: string, err: Error | ((subject: string) => Error)): void {
    const token = replySubject.slice(this.prefix.length + 1);
    const p = this.pending.get(token);
    if (p === undefined) return;
    this.remove(token);
    p.reject(typeof err === 'function' ? err(p.subject) : err);
  }

  rejectAll(err: () => Error): void {
    for (const [token, p] of this.pending) {
      this.remove(token);
      p.reject(err());
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private remove(token: string): void {
    this.pending.delete(token);
    if (this.pending.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, p] of this.pending) {
      if (p.deadline <= now) {
        this.remove(token);
        p.reject(new RequestTimeoutError(p.subject, p.timeout));
      }
    }
  }
}
