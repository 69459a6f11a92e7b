import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';

/** How long a confirmation of the acks sent so far is awaited before it is taken as given, ms. */
const CONFIRM_TIMEOUT = 5_000;
/** How long an ack waits for a pull to ride on, at most, ms. */
const HOLD = 10;

const enc = new TextEncoder();
const ACK = enc.encode('+ACK');
const WPI = enc.encode('+WPI');

/** One pull request as the lane sees it (implemented by `NatsPull`). */
export interface LanePull {
  /** The body of the pull request (`{"batch":...,"expires":...}`). */
  readonly request: string;
  /** The request was published with `reply` as its reply subject. */
  sent(reply: string): void;
  /** A delivered message (its reply subject is a `$JS.ACK` subject). */
  message(msg: Msg): void;
  /** The request could not be published (the connection is closed): the pull ends with `err`. */
  failed(err: Error): void;
  /** A status message addressed to this pull (heartbeat, 404, 408, 409, 503). */
  status(msg: Msg): void;
  /** Called every `tickEvery` ms while the pull is served: checks heartbeats and expiry. */
  tick(now: number): void;
  readonly tickEvery: number;
  /** Whether the server serves no more messages to it (it received its batch, or it ended). */
  readonly serverDone: boolean;
}

/** A delivered message that settles through a lane. */
export interface LaneMessage {
  /** The message's `$JS.ACK` subject. */
  readonly ackSubject: string;
}

/**
 * Everything that goes between one durable pull consumer and the server over one connection:
 * pull requests, their messages and status on one long-lived inbox subscription, and the
 * acknowledgements, sent without waiting for a confirmation each.
 *
 * Ordering. The server (2.9 and later) queues acknowledgements per consumer and applies them on
 * a goroutine of their own, in the order they were received, while it serves a pull request
 * (`$JS.API.CONSUMER.MSG.NEXT`) on receipt, or from a queue of its own: a pull published after an
 * ack may be served before the ack is applied, and the consumer's `num_ack_pending` would then
 * count the acked message beside the new ones. So a pull is sent only when it cannot overtake an
 * ack or term: either as `+NXT <request>` on the ack subject of an ack being sent (the server
 * applies the ack, then takes the pull, in its ack queue), or as `MSG.NEXT` once every ack and
 * term sent so far is confirmed. The confirmation is `+WPI` sent as a request on the ack subject
 * of the last message acked or terminated: it queues behind the acks and, that message being
 * settled, changes nothing; the server answers once it got there.
 *
 * Writes. Each socket write costs more than the acks in it, so acks are held: until the next
 * turn of the event loop while a pull is being served, else for up to `HOLD` ms, for the next
 * pull (the pull worker asks when an ack frees enough slots) to take them along in one write.
 * A crash loses held acks like unsent ones: the server delivers those messages again.
 *
 * One pull is served at a time: messages carry the subject they were stored under, not the
 * pull's reply subject, so the lane hands every message to the pull being served. Its status
 * messages come to the pull's own token (`<inbox>.<n>`). A message that comes when no pull is
 * being served (after `reset()`, or a stray) is nak'ed at once.
 */
export class PullLane {
  private inbox = '';
  private sub: Subscription | undefined;
  private serving: LanePull | undefined;
  private readonly pulls = new Map<string, LanePull>();
  private tokens = 0;
  /** Acks to send together once the event loop turns (one socket write), unless a pull rides on the last first. */
  private held: LaneMessage[] = [];
  private flushQueued = false;
  /** The ack subject of the last ack or term sent since the last confirmation was asked for. */
  private unconfirmed: string | undefined;
  private confirming: { readonly token: string; readonly timer: ReturnType<typeof setTimeout> } | undefined;
  private waiting: LanePull | undefined;
  private idleWaiters: Array<(confirmed: boolean) => void> = [];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private servedSinceTick = false;

  constructor(private readonly nc: NatsConnection, private readonly pullSubject: string) {}

  /** Sends `pull` as soon as no ack sent before it can be applied after it. */
  request(pull: LanePull): void {
    if (this.held.length > 0) {
      this.ride(this.held.pop()!, pull);
    } else if (this.unconfirmed === undefined && this.confirming === undefined) {
      this.serve(pull, this.pullSubject, enc.encode(pull.request));
    } else {
      this.waiting = pull;
      this.confirm();
    }
  }

  /** Drops a pull (it ended or was stopped); messages that still come for it are nak'ed. */
  release(pull: LanePull): void {
    if (this.waiting === pull) this.waiting = undefined;
    if (this.serving === pull) this.serving = undefined;
    for (const [token, p] of this.pulls) {
      if (p === pull) {
        this.pulls.delete(token);
        break;
      }
    }
  }

  /**
   * Gives up the inbox: the server drops pulls nobody listens to, so it sends nothing more for
   * the pulls made so far (what it sent before is nak'ed). The next pull opens a new inbox.
   */
  reset(): void {
    const sub = this.sub;
    this.sub = undefined;
    this.serving = undefined;
    this.pulls.clear();
    if (sub && !sub.isClosed()) sub.drain().catch(() => undefined);
  }

  ack(m: LaneMessage): void {
    if (this.waiting !== undefined) {
      const pull = this.waiting;
      this.waiting = undefined;
      this.ride(m, pull);
      return;
    }
    this.held.push(m);
    if (this.flushQueued) return;
    this.flushQueued = true;
    // while a pull is served no pull can ride: send with what the turn of the event loop adds;
    // else the next pull usually comes when more slots are free, and takes them along in one write
    if (this.serving !== undefined && !this.serving.serverDone) setImmediate(this.flush);
    else setTimeout(this.flush, HOLD).unref?.();
  }

  /** A term (`final`: it removes the message from the consumer's pending ones) or a nak or in-progress. */
  send(m: LaneMessage, body: Uint8Array, final: boolean): void {
    this.sendHeld();
    this.publish(m.ackSubject, body, undefined);
    if (final) this.unconfirmed = m.ackSubject;
  }

  /**
   * Resolves true once every ack and term sent so far is applied by the server, false when no
   * confirmation came within `timeoutMs` (they may still be applied). Never rejects.
   */
  idle(timeoutMs = CONFIRM_TIMEOUT): Promise<boolean> {
    this.sendHeld();
    if (this.unconfirmed === undefined && this.confirming === undefined) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref?.();
      this.idleWaiters.push((ok) => { clearTimeout(timer); resolve(ok); });
      this.confirm();
    });
  }

  private readonly flush = (): void => {
    this.flushQueued = false;
    this.sendHeld();
  };

  private sendHeld(): void {
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    for (const m of held) this.publish(m.ackSubject, ACK, undefined);
    this.unconfirmed = held[held.length - 1]!.ackSubject;
  }

  /** Asks for a confirmation of what was sent so far, unless one is on its way (its answer asks again if needed). */
  private confirm(): void {
    if (this.confirming !== undefined || this.unconfirmed === undefined) return;
    const subject = this.unconfirmed;
    this.unconfirmed = undefined;
    const token = `c${++this.tokens}`;
    const timer = setTimeout(() => this.confirmed(token, false), CONFIRM_TIMEOUT);
    timer.unref?.();
    this.confirming = { token, timer };
    try {
      this.ensureInbox();
    } catch {
      return; // closed: the timeout ends the wait, and what waited finds the connection closed
    }
    this.publish(subject, WPI, `${this.inbox}.${token}`);
  }

  /** `ok`: the server answered (false: the confirmation timed out and is taken as given). */
  private confirmed(token: string, ok = true): void {
    if (this.confirming?.token !== token) return;
    clearTimeout(this.confirming.timer);
    this.confirming = undefined;
    if (this.waiting === undefined && this.idleWaiters.length === 0) return;
    if (this.unconfirmed !== undefined) {
      // acks or terms were sent meanwhile: ask again before a pull or a waiter relies on them
      this.confirm();
      return;
    }
    const pull = this.waiting;
    this.waiting = undefined;
    if (pull !== undefined) this.serve(pull, this.pullSubject, enc.encode(pull.request));
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w(ok);
  }

  /** The pull rides on the ack of `m`: the server applies the ack, then takes the pull. */
  private ride(m: LaneMessage, pull: LanePull): void {
    this.sendHeld();
    this.serve(pull, m.ackSubject, enc.encode(`+NXT ${pull.request}`));
    this.unconfirmed = m.ackSubject;
  }

  private serve(pull: LanePull, subject: string, body: Uint8Array): void {
    const token = String(++this.tokens);
    this.pulls.set(token, pull);
    this.serving = pull;
    let reply: string;
    try {
      this.ensureInbox();
      reply = `${this.inbox}.${token}`;
      this.nc.publish(subject, body, { reply });
    } catch (err) {
      // closed: the pull ends with the error, and the worker retries after a pause
      pull.failed(err as Error);
      return;
    }
    pull.sent(reply);
    this.servedSinceTick = true;
    if (this.ticker === undefined) {
      this.ticker = setInterval(this.tick, pull.tickEvery);
      this.ticker.unref?.();
    }
  }

  /** One timer for the lane rather than two per pull; it stops once a whole period went by with no pull served. */
  private readonly tick = (): void => {
    const pull = this.serving;
    if (pull !== undefined && !pull.serverDone) pull.tick(Date.now());
    else if (!this.servedSinceTick) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    this.servedSinceTick = false;
  };

  private ensureInbox(): void {
    if (this.sub !== undefined) return;
    const inbox = createInbox();
    this.inbox = inbox;
    this.sub = this.nc.subscribe(`${inbox}.*`, { callback: (_err, msg) => this.onMsg(msg, inbox) });
  }

  private onMsg(msg: Msg, inbox: string): void {
    if (msg.reply?.startsWith('$JS.ACK.')) {
      const pull = inbox === this.inbox ? this.serving : undefined;
      if (pull !== undefined && !pull.serverDone) pull.message(msg);
      else this.nakStray(msg.reply);
      return;
    }
    const token = msg.subject.slice(inbox.length + 1);
    if (token.startsWith('c')) {
      this.confirmed(token);
      return;
    }
    if (inbox !== this.inbox) return;
    this.pulls.get(token)?.status(msg);
  }

  private nakStray(reply: string): void {
    this.publish(reply, enc.encode('-NAK'), undefined);
  }

  private publish(subject: string, body: Uint8Array, reply: string | undefined): void {
    try {
      this.nc.publish(subject, body, reply === undefined ? undefined : { reply });
    } catch {
      // closed or draining: an ack not sent is redelivered after the ack wait
    }
  }
}
