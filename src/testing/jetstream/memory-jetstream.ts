import { randomBytes } from 'node:crypto';
import type { Clock } from '../../scheduler/clock.js';
import type { HeaderRecord } from '../../transport/transport.js';
import { realClearTimeout, realSetImmediate, realSetTimeout } from '../real-timers.js';
import { apiErrors, JsApiError } from './js-api-error.js';
import { checkConsumerUpdate, checkStreamConfig, checkStreamUpdate, consumerDefaults, streamDefaults } from './js-defaults.js';
import type { ConsumerConfig, ConsumerInfo, StoredMessage, StreamConfig, StreamInfo } from './js-types.js';
import { MemoryConsumer, type ConsumerAdvisory, type ConsumerHost } from './memory-consumer.js';
import { MemoryStream, type StoreResult } from './memory-stream.js';
import type { PullRequest } from './pull-request.js';
import { filterMatches, isSubsetOf, overlaps } from './subjects.js';

export interface MemoryJetStreamOptions {
  /** Where time comes from: a `ManualClock` makes ack waits, nak delays and max_age move only when told. Default: real time. */
  clock?: Clock;
  /** Sends an advisory (`$JS.EVENT.ADVISORY.CONSUMER.…`) as a message; the broker passes its own publish. */
  advisory?: (subject: string, body: Uint8Array) => void;
}

interface StreamEntry { stream: MemoryStream; consumers: Map<string, MemoryConsumer> }

const ADVISORY_TYPES: Record<ConsumerAdvisory, string> = {
  MAX_DELIVERIES: 'io.nats.jetstream.advisory.v1.max_deliver',
  MSG_TERMINATED: 'io.nats.jetstream.advisory.v1.terminated',
  MSG_NAKED: 'io.nats.jetstream.advisory.v1.nak',
};

/** Real time with timers that do not keep the process alive (a test's broker outlives nothing). */
const backgroundClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = realSetTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    t.unref();
    return () => realClearTimeout(t);
  },
};

/**
 * JetStream in process: streams that capture the subjects published on a `MemoryBroker`, pull
 * consumers with acks, redelivery and limits, driven by a clock. Every operation answers what
 * nats-server 2.9 answers, errors included (`JsApiError` with the server's codes).
 * @example
 * const js = broker.jetstream;
 * js.addStream({ name: 'ORDERS', subjects: ['orders.>'] });
 * js.addConsumer('ORDERS', { durable_name: 'billing' });
 */
export class MemoryJetStream {
  private readonly clock: Clock;
  private readonly streams = new Map<string, StreamEntry>();
  private readonly timers = new Map<object, () => void>();
  private scheduled = false;
  private pulls = 0;
  private keepAlive: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: MemoryJetStreamOptions = {}) {
    this.clock = options.clock ?? backgroundClock;
  }

  now(): number { return this.clock.now(); }

  /** Creates a stream; the same configuration again is accepted (as on the server). */
  addStream(config: Partial<StreamConfig> & { name: string }): StreamInfo {
    const cfg = streamDefaults(config);
    const bad = checkStreamConfig(cfg);
    if (bad) throw bad;
    const existing = this.streams.get(cfg.name);
    if (existing) {
      if (JSON.stringify(existing.stream.config) !== JSON.stringify(cfg)) throw apiErrors.streamNameExist();
      return this.streamInfo(cfg.name);
    }
    this.checkOverlap(cfg);
    this.streams.set(cfg.name, { stream: new MemoryStream(cfg, this.now()), consumers: new Map() });
    return this.streamInfo(cfg.name);
  }

  /** Changes a stream's limits; storage and retention cannot change. */
  updateStream(config: Partial<StreamConfig> & { name: string }): StreamInfo {
    const e = this.entry(config.name);
    const cfg = streamDefaults(config);
    const bad = checkStreamConfig(cfg) ?? checkStreamUpdate(e.stream.config, cfg);
    if (bad) throw bad;
    this.checkOverlap(cfg);
    e.stream.config = cfg;
    e.stream.enforceLimits();
    this.expire(e);
    return this.streamInfo(cfg.name);
  }

  streamInfo(name: string): StreamInfo {
    const e = this.entry(name);
    return e.stream.info(e.consumers.size);
  }

  streamNames(subject?: string): string[] {
    return [...this.streams.values()]
      .filter((e) => subject === undefined || e.stream.config.subjects.some((s) => overlaps(s, subject)))
      .map((e) => e.stream.name);
  }

  deleteStream(name: string): void {
    const e = this.entry(name);
    for (const c of e.consumers.values()) c.delete();
    this.cancel(e);
    this.streams.delete(name);
  }

  /** Removes every message (or those of `subject`); returns how many. */
  purgeStream(name: string, subject?: string): number {
    const e = this.entry(name);
    const n = e.stream.purge(subject);
    this.wake();
    return n;
  }

  /** A stored message by sequence; `JsApiError` 10037 when there is none. */
  getMessage(stream: string, seq: number): StoredMessage {
    const m = this.entry(stream).stream.get(seq);
    if (!m) throw apiErrors.noMessageFound();
    return m;
  }

  /** The last message stored on `subject`; `JsApiError` 10037 when there is none. */
  getLastMessage(stream: string, subject: string): StoredMessage {
    const m = this.entry(stream).stream.lastMatching(subject);
    if (!m) throw apiErrors.noMessageFound();
    return m;
  }

  /** The messages of `stream` on subjects `filter` matches, ascending: every one, or the last of each subject. */
  messages(stream: string, filter: string, which: 'all' | 'last-per-subject'): StoredMessage[] {
    const s = this.entry(stream).stream;
    if (which === 'last-per-subject') return s.lastPerSubject(filter).map((seq) => s.get(seq)!);
    const out: StoredMessage[] = [];
    for (let m = s.next(0, filter); m; m = s.next(m.seq + 1, filter)) out.push(m);
    return out;
  }

  deleteMessage(stream: string, seq: number): void {
    if (!this.entry(stream).stream.remove(seq)) throw apiErrors.noMessageFound();
  }

  /**
   * Offers a published message to the streams. Undefined when no stream captures `subject`;
   * otherwise what the server would answer the publisher (a PubAck or an error).
   */
  capture(subject: string, data: Uint8Array, headers?: HeaderRecord): StoreResult | undefined {
    for (const e of this.streams.values()) {
      if (!e.stream.config.subjects.some((s) => filterMatches(s, subject))) continue;
      const interested = (): boolean => [...e.consumers.values()].some((c) => filterMatches(c.filter, subject));
      const result = e.stream.store(subject, data, headers, this.now(), interested);
      if (result.ok && !result.ack.duplicate) {
        this.expire(e);
        this.wake();
      }
      return result;
    }
    return undefined;
  }

  /**
   * Creates a consumer, or updates a durable one (the same name with a configuration the server
   * allows to change), and returns its info. Without `durable_name` or `name` it is ephemeral.
   */
  addConsumer(stream: string, config: Partial<ConsumerConfig>): ConsumerInfo {
    const e = this.entry(stream);
    const cfg = consumerDefaults(config);
    const name = cfg.durable_name ?? cfg.name ?? randomBytes(6).toString('hex');
    if (/[.*>\s]/.test(name)) throw apiErrors.badDurableName();
    const bad = this.checkConsumer(e, cfg, name);
    if (bad) throw bad;
    const existing = e.consumers.get(name);
    if (existing) {
      const refused = checkConsumerUpdate(existing.config, cfg);
      if (refused) throw refused;
      existing.config = cfg;
      this.wake();
      return existing.info();
    }
    const consumer = new MemoryConsumer(name, cfg, this.now(), this.host(e));
    e.consumers.set(name, consumer);
    return consumer.info();
  }

  consumerInfo(stream: string, name: string): ConsumerInfo {
    return this.consumer(stream, name).info();
  }

  consumerNames(stream: string): string[] {
    return [...this.entry(stream).consumers.keys()];
  }

  deleteConsumer(stream: string, name: string): void {
    const e = this.entry(stream);
    const c = this.consumer(stream, name);
    c.delete();
    e.consumers.delete(name);
    // an interest stream keeps nothing no remaining consumer wants (the server's checkInterestState)
    if (e.stream.config.retention === 'interest') for (const seq of e.stream.sequences()) this.acked(e, seq);
  }

  /**
   * Asks a consumer for up to `req.batch` messages; they arrive through `req.deliver`, then
   * `req.end` says why the request ended. Returns a function that cancels the request.
   */
  pull(stream: string, consumer: string, req: PullRequest): () => void {
    const c = this.consumer(stream, consumer);
    const token = {};
    this.hold(+1);
    const wrapped: PullRequest = {
      ...req,
      deliver: (d) => req.deliver(d),
      end: (reason, n) => { this.timer(token, undefined, noop); this.hold(-1); req.end(reason, n); },
    };
    if (req.expires !== undefined && req.expires > 0 && !req.noWait) {
      this.timer(token, this.now() + req.expires, () => c.expire(wrapped));
    }
    return c.pull(wrapped);
  }

  /** Resolves once no delivery turn is due (messages that can go out went out). */
  idle(): Promise<void> {
    if (!this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * A waiting pull keeps the process alive, as its connection's socket does on NATS; the
   * engine's other timers (ack waits, max_age) do not, so a test's broker never holds it open.
   */
  private hold(delta: number): void {
    this.pulls += delta;
    if (this.pulls > 0) this.keepAlive ??= setInterval(noop, 60_000);
    else if (this.keepAlive !== undefined) {
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    }
  }

  private entry(name: string): StreamEntry {
    const e = this.streams.get(name);
    if (!e) throw apiErrors.streamNotFound();
    return e;
  }

  private consumer(stream: string, name: string): MemoryConsumer {
    const c = this.entry(stream).consumers.get(name);
    if (!c) throw apiErrors.consumerNotFound();
    return c;
  }

  private checkOverlap(cfg: StreamConfig): void {
    for (const e of this.streams.values()) {
      if (e.stream.name === cfg.name) continue;
      if (e.stream.config.subjects.some((a) => cfg.subjects.some((b) => overlaps(a, b)))) throw apiErrors.subjectOverlap();
    }
  }

  private checkConsumer(e: StreamEntry, cfg: ConsumerConfig, name: string): JsApiError | undefined {
    const b = cfg.backoff?.length ?? 0;
    if (b > 0 && cfg.max_deliver <= b) return apiErrors.maxDeliverBackoff();
    const filter = cfg.filter_subject;
    if (filter && !e.stream.config.subjects.some((s) => isSubsetOf(filter, s))) return apiErrors.filterNotSubset();
    if (e.stream.config.retention === 'workqueue') {
      if (cfg.ack_policy !== 'explicit') return apiErrors.wqRequiresExplicitAck();
      if (cfg.deliver_policy !== 'all') return apiErrors.wqNotDeliverAll();
      for (const [other, c] of e.consumers) {
        if (other === name) continue;
        if (!filter || !c.filter) return apiErrors.wqMultipleUnfiltered();
        if (overlaps(filter, c.filter)) return apiErrors.wqNotUnique();
      }
    }
    return undefined;
  }

  private host(e: StreamEntry): ConsumerHost {
    return {
      now: () => this.now(),
      stream: e.stream,
      wake: () => this.wake(),
      timer: (owner, at, fn) => this.timer(owner, at, fn),
      advisory: (kind, consumer, body) => this.advisory(kind, e.stream.name, consumer, body),
      acked: (seq) => this.acked(e, seq),
    };
  }

  private acked(e: StreamEntry, seq: number): void {
    const s = e.stream;
    const retention = s.config.retention;
    if (retention === 'limits') return;
    const m = s.get(seq);
    if (!m) return;
    if (retention === 'workqueue' || ![...e.consumers.values()].some((c) => c.needs(seq, m.subject))) s.remove(seq);
  }

  private expire(e: StreamEntry): void {
    const next = e.stream.expire(this.now());
    this.timer(e, next, () => this.expire(e));
  }

  private cancel(owner: object): void {
    this.timers.get(owner)?.();
    this.timers.delete(owner);
  }

  private timer(owner: object, at: number | undefined, fn: () => void): void {
    this.cancel(owner);
    if (at === undefined) return;
    const cancel = this.clock.setTimer(() => {
      this.timers.delete(owner);
      fn();
    }, at - this.now());
    this.timers.set(owner, cancel);
  }

  private advisory(kind: ConsumerAdvisory, stream: string, consumer: string, body: Record<string, unknown>): void {
    const send = this.options.advisory;
    if (!send) return;
    const event = { type: ADVISORY_TYPES[kind], id: randomBytes(11).toString('hex'), timestamp: new Date(this.now()).toISOString(), stream, consumer, ...body };
    send(`$JS.EVENT.ADVISORY.CONSUMER.${kind}.${stream}.${consumer}`, new TextEncoder().encode(JSON.stringify(event)));
  }

  private wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    realSetImmediate(this.pump);
  }

  private readonly pump = (): void => {
    this.scheduled = false;
    for (const e of this.streams.values()) for (const c of e.consumers.values()) c.deliverAvailable();
    if (this.scheduled) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  };
}

function noop(): void {}

export { JsApiError };
