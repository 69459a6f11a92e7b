import type { HeaderRecord, InboundMessage } from '../transport/transport.js';
import { tokensMatch } from './subject-match.js';
import { realSetImmediate } from './real-timers.js';
import type { Clock } from '../scheduler/clock.js';
import { MemoryJetStream } from './jetstream/memory-jetstream.js';
import type { StoreResult } from './jetstream/memory-stream.js';

/** What a connection hands the broker: already checked, already copied. */
export interface BrokerMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly reply?: string;
  readonly headers?: HeaderRecord;
}

/** A subscription as a connection registers it. */
export interface BrokerSubscriber {
  readonly subject: string;
  readonly queue?: string;
  /** Also receives the no-responders status of requests sent to it (a requester's inbox). */
  readonly status?: boolean;
  deliver(msg: InboundMessage, noResponders: boolean): void;
  /** The subscriber's callback threw; the broker keeps delivering to others. */
  onError(err: unknown): void;
}

export interface BrokerHandle {
  /** Stops delivery at once; messages not yet handed over are dropped (as on NATS). */
  unsubscribe(): void;
  /** Stops routing to it, then resolves once messages already routed to it were handed over. */
  drain(): Promise<void>;
}

export interface MemoryBrokerOptions {
  /** Largest payload accepted, in bytes (default 1 MiB, as nats-server). */
  maxPayload?: number;
  /** Shown in `transport.servers` as `memory://<name>`. */
  name?: string;
  /**
   * Where the JetStream emulation takes its time from: with a `ManualClock`, ack waits, nak
   * delays and `max_age` move only when the test advances it. Default: real time.
   */
  clock?: Clock;
}

class Entry {
  readonly tokens: string[];
  state: 'active' | 'draining' | 'closed' = 'active';
  pending = 0;
  private drained: Array<() => void> = [];
  constructor(readonly sub: BrokerSubscriber) {
    this.tokens = sub.subject.split('.');
  }
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }
  settle(): void {
    if (this.pending !== 0) return;
    const w = this.drained;
    this.drained = [];
    for (const resolve of w) resolve();
  }
}

interface Route { plain: Entry[]; groups: Array<{ name: string; members: Entry[] }> }
interface Delivery { entry: Entry; msg: InboundMessage; noResponders: boolean }

const MAX_CACHED_ROUTES = 10_000;
let brokers = 0;

/**
 * An in-process NATS server: routes messages between `MemoryTransport` connections with NATS
 * semantics (wildcards, queue groups, no-responders). Share one broker between several
 * transports to run several services, or several instances of one, in one test.
 * Delivery is always asynchronous and in publish order, never inside `publish`.
 * @example
 * const broker = new MemoryBroker();
 * const a = new MemoryTransport({ broker });
 * const b = new MemoryTransport({ broker });
 */
export class MemoryBroker {
  readonly maxPayload: number;
  readonly name: string;
  private readonly entries = new Set<Entry>();
  private readonly routes = new Map<string, Route>();
  private readonly turns = new Map<string, number>();
  private queue: Delivery[] = [];
  private scheduled = false;
  /** Deliveries queued and handed over since the broker was made: `settled` compares them. */
  private enqueued = 0;
  private delivered = 0;
  private settledWaiters: Array<{ upTo: number; resolve: () => void }> = [];
  private js: MemoryJetStream | undefined;
  private readonly clock: Clock | undefined;

  constructor(options: MemoryBrokerOptions = {}) {
    const max = options.maxPayload ?? 1024 * 1024;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxPayload must be a whole number of bytes >= 1, got ${max}`);
    this.maxPayload = max;
    this.name = options.name ?? `broker-${++brokers}`;
    this.clock = options.clock;
  }

  /**
   * The broker's JetStream, made on first use: streams capture what any connection publishes
   * from then on (a core publish too, as on the server), and a publish with a reply subject to a
   * captured subject is answered with the stream's PubAck.
   */
  get jetstream(): MemoryJetStream {
    this.js ??= new MemoryJetStream({
      clock: this.clock,
      advisory: (subject, data) => this.publish({ subject, data }),
    });
    return this.js;
  }

  /**
   * Publishes as a JetStream publish does: to the streams (returning what the stream answered,
   * undefined when no stream captures the subject) and, like every message, to subscribers.
   */
  publishToStreams(msg: BrokerMessage): StoreResult | undefined {
    const stored = this.jetstream.capture(msg.subject, msg.data, msg.headers);
    this.publish({ subject: msg.subject, data: msg.data, headers: msg.headers }, true);
    return stored;
  }

  /** Registers interest; routing sees it from the next publish on. */
  subscribe(sub: BrokerSubscriber): BrokerHandle {
    const entry = new Entry(sub);
    this.entries.add(entry);
    this.routes.clear();
    return {
      unsubscribe: () => {
        this.remove(entry);
        entry.state = 'closed';
      },
      drain: () => {
        this.remove(entry);
        if (entry.state === 'active') entry.state = 'draining';
        return entry.whenIdle();
      },
    };
  }

  /**
   * Routes one message: a copy to every plain subscriber, one member of each queue group, and to
   * the stream capturing its subject, if any (answering a reply subject with the PubAck).
   */
  publish(msg: BrokerMessage, stored = false): void {
    let captured = stored;
    if (this.js !== undefined && !stored) {
      const result = this.js.capture(msg.subject, msg.data, msg.headers);
      captured = result !== undefined;
      if (result !== undefined && msg.reply !== undefined) this.publish({ subject: msg.reply, data: pubAckBody(result) });
    }
    const route = this.route(msg.subject);
    const targets: Entry[] = [...route.plain];
    for (const g of route.groups) targets.push(this.pick(msg.subject, g.name, g.members));
    if (targets.length === 0) {
      // a stream answered: the requester has its reply
      if (msg.reply !== undefined && !captured) this.noResponders(msg.reply);
      return;
    }
    for (let i = 0; i < targets.length; i++) {
      // every receiver gets its own bytes, as over a socket
      const data = i === 0 ? msg.data : msg.data.slice();
      const headers = msg.headers === undefined ? undefined : { ...msg.headers };
      this.enqueue({ entry: targets[i]!, msg: { subject: msg.subject, data, reply: msg.reply, headers }, noResponders: false });
    }
  }

  /**
   * Resolves once every message published so far was handed to its subscribers. Messages
   * published after the call do not hold it up, so it ends even while handlers keep talking.
   */
  async settled(): Promise<void> {
    await this.js?.idle();
    const upTo = this.enqueued;
    if (this.delivered >= upTo) return;
    await new Promise<void>((resolve) => this.settledWaiters.push({ upTo, resolve }));
  }

  /** How many subscriptions are registered (for tests and diagnostics). */
  get subscriptionCount(): number {
    return this.entries.size;
  }

  private remove(entry: Entry): void {
    if (this.entries.delete(entry)) this.routes.clear();
  }

  private noResponders(reply: string): void {
    const tokens = reply.split('.');
    for (const e of this.entries) {
      if (e.sub.status && tokensMatch(e.tokens, tokens)) {
        this.enqueue({ entry: e, msg: { subject: reply, data: new Uint8Array(0) }, noResponders: true });
      }
    }
  }

  private route(subject: string): Route {
    let r = this.routes.get(subject);
    if (r) return r;
    const tokens = subject.split('.');
    r = { plain: [], groups: [] };
    for (const e of this.entries) {
      if (!tokensMatch(e.tokens, tokens)) continue;
      const q = e.sub.queue;
      if (q === undefined || q === '') { r.plain.push(e); continue; }
      const g = r.groups.find((x) => x.name === q);
      if (g) g.members.push(e);
      else r.groups.push({ name: q, members: [e] });
    }
    if (this.routes.size >= MAX_CACHED_ROUTES) this.routes.clear();
    this.routes.set(subject, r);
    return r;
  }

  /**
   * Round robin per subject and group: spreads each subject's load over the members as
   * nats-server does, and deterministically. A turn shared by every subject of a group would
   * let two subjects published alternately land each on one member only.
   */
  private pick(subject: string, group: string, members: Entry[]): Entry {
    const key = `${group} ${subject}`;
    const n = this.turns.get(key) ?? 0;
    if (this.turns.size >= MAX_CACHED_ROUTES && n === 0) this.turns.clear();
    this.turns.set(key, n + 1);
    return members[n % members.length]!;
  }

  private enqueue(d: Delivery): void {
    d.entry.pending++;
    this.enqueued++;
    this.queue.push(d);
    if (!this.scheduled) {
      this.scheduled = true;
      realSetImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const d of batch) {
      d.entry.pending--;
      this.delivered++;
      if (d.entry.state !== 'closed') {
        try {
          d.entry.sub.deliver(d.msg, d.noResponders);
        } catch (err) {
          d.entry.sub.onError(err);
        }
      }
      d.entry.settle();
    }
    if (this.settledWaiters.length === 0) return;
    const due = this.settledWaiters.filter((w) => w.upTo <= this.delivered);
    this.settledWaiters = this.settledWaiters.filter((w) => w.upTo > this.delivered);
    for (const w of due) w.resolve();
  };
}

/** The JSON a stream answers a publish with (nats-server `JSPubAckResponse`). */
function pubAckBody(r: StoreResult): Uint8Array {
  const body = r.ok
    ? r.ack
    : { error: { code: r.error.code, err_code: r.error.errCode, description: r.error.description } };
  return new TextEncoder().encode(JSON.stringify(body));
}
