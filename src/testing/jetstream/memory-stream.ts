import type { HeaderRecord } from '../../transport/transport.js';
import { headersSize } from '../../transport/payload-rules.js';
import { apiErrors, JsApiError } from './js-api-error.js';
import type { PubAck, StoredMessage, StreamConfig, StreamInfo, StreamState } from './js-types.js';
import { filterMatches } from './subjects.js';

/** Headers the server reads on a publish (nats-server stream.go, `processJetStreamMsg`). */
export const JS_HEADERS = {
  msgId: 'Nats-Msg-Id',
  expectedStream: 'Nats-Expected-Stream',
  expectedLastSeq: 'Nats-Expected-Last-Sequence',
  expectedLastSubjectSeq: 'Nats-Expected-Last-Subject-Sequence',
  expectedLastMsgId: 'Nats-Expected-Last-Msg-Id',
  rollup: 'Nats-Rollup',
} as const;

const NS_PER_MS = 1_000_000;

/**
 * Bytes a message counts for against `max_bytes` and in `state.bytes`, as the server's stores
 * count them (memstore.go `memStoreMsgSize`, filestore.go `fileStoreMsgSize`).
 */
export function storedSize(storage: StreamConfig['storage'], subject: string, headerBytes: number, dataBytes: number): number {
  const subj = Buffer.byteLength(subject);
  if (storage === 'memory') return subj + headerBytes + dataBytes + 16;
  return headerBytes === 0 ? 22 + subj + dataBytes + 8 : 22 + subj + 4 + headerBytes + dataBytes + 8;
}

interface DedupeEntry { seq: number; time: number }

/** What a publish turns into: a PubAck, or the API error the server would answer. */
export type StoreResult = { ok: true; ack: PubAck } | { ok: false; error: JsApiError };

/**
 * One stream's storage with the server's rules: limits (max_msgs, max_bytes, max_age,
 * max_msgs_per_subject, max_msg_size) with discard old or new, the de-duplication window and the
 * publish expectations, checked in the order nats-server 2.9 checks them. Pure: time is passed in.
 */
export class MemoryStream {
  private readonly msgs = new Map<number, StoredMessage>();
  private readonly dedupe = new Map<string, DedupeEntry>();
  private readonly lastBySubject = new Map<string, number[]>();
  private first = 0;
  private last = 0;
  private bytes = 0;
  private lastMsgId = '';

  constructor(public config: StreamConfig, readonly created: number) {}

  get name(): string { return this.config.name; }
  get firstSeq(): number { return this.msgs.size === 0 ? this.last + 1 : this.first; }
  get lastSeq(): number { return this.last; }
  get size(): number { return this.msgs.size; }

  /**
   * Stores a message published to `subject`, or says why not. `interested` tells whether an
   * interest-retention stream has a consumer for the subject (without one the sequence is used
   * and nothing is kept, as on the server).
   */
  store(subject: string, data: Uint8Array, headers: HeaderRecord | undefined, now: number, interested: () => boolean): StoreResult {
    const cfg = this.config;
    const h = headers ?? {};
    const expectedStream = h[JS_HEADERS.expectedStream];
    if (expectedStream !== undefined && expectedStream !== '' && expectedStream !== cfg.name) return fail(apiErrors.streamNotMatch());
    const msgId = h[JS_HEADERS.msgId] ?? '';
    if (msgId !== '') {
      this.purgeDedupe(now);
      const seen = this.dedupe.get(msgId);
      if (seen) return { ok: true, ack: { stream: cfg.name, seq: seen.seq, duplicate: true } };
    }
    const lastSubj = h[JS_HEADERS.expectedLastSubjectSeq];
    if (lastSubj !== undefined) {
      const current = this.lastBySubject.get(subject)?.at(-1) ?? 0;
      if (Number(lastSubj) !== current) return fail(apiErrors.wrongLastSequence(current));
    }
    const lastSeq = h[JS_HEADERS.expectedLastSeq];
    if (lastSeq !== undefined && Number(lastSeq) !== this.last) return fail(apiErrors.wrongLastSequence(this.last));
    const lastId = h[JS_HEADERS.expectedLastMsgId];
    if (lastId !== undefined && lastId !== '' && lastId !== this.lastMsgId) return fail(apiErrors.wrongLastMsgId(this.lastMsgId));
    const rollup = h[JS_HEADERS.rollup];
    if (rollup !== undefined && rollup !== '') {
      if (!cfg.allow_rollup_hdrs) return fail(apiErrors.rollupFailed('rollup not permitted'));
      if (rollup !== 'sub' && rollup !== 'all') return fail(apiErrors.rollupFailed(`rollup value invalid: ${rollup}`));
    }
    const hdrBytes = headersSize(headers);
    if (cfg.max_msg_size >= 0 && hdrBytes + data.length > cfg.max_msg_size) return fail(apiErrors.messageTooLarge());

    if (cfg.retention === 'interest' && !interested()) {
      this.last++;
      this.remember(msgId, this.last, now);
      return { ok: true, ack: { stream: cfg.name, seq: this.last } };
    }
    if (cfg.discard === 'new') {
      const perSubjectFull = cfg.max_msgs_per_subject > 0 && (this.lastBySubject.get(subject)?.length ?? 0) >= cfg.max_msgs_per_subject;
      if (cfg.max_msgs > 0 && this.msgs.size >= cfg.max_msgs && !perSubjectFull) return fail(apiErrors.storeFailed('maximum messages exceeded'));
      if (cfg.max_bytes > 0 && this.bytes + hdrBytes + data.length >= cfg.max_bytes) {
        // at the per-subject limit the subject's oldest message goes: enough room if it is large enough
        const oldest = perSubjectFull ? this.msgs.get(this.lastBySubject.get(subject)![0]!)!.size : 0;
        const raw = hdrBytes + data.length;
        const tooSmall = cfg.storage === 'memory' ? oldest < raw : oldest <= raw;
        if (!perSubjectFull || tooSmall) return fail(apiErrors.storeFailed('maximum bytes exceeded'));
      }
    }
    const seq = ++this.last;
    const msg: StoredMessage = { seq, subject, data, headers, time: now, size: storedSize(cfg.storage, subject, hdrBytes, data.length) };
    if (this.msgs.size === 0) this.first = seq;
    this.msgs.set(seq, msg);
    this.bytes += msg.size;
    const bySubject = this.lastBySubject.get(subject);
    if (bySubject) bySubject.push(seq);
    else this.lastBySubject.set(subject, [seq]);
    this.remember(msgId, seq, now);
    // a rollup keeps only this message: of its subject ('sub'), or of the stream ('all')
    if (rollup === 'sub') for (const old of [...this.lastBySubject.get(subject)!]) if (old !== seq) this.remove(old);
    if (rollup === 'all') for (const old of this.sequences()) if (old !== seq) this.remove(old);
    this.trim(subject);
    return { ok: true, ack: { stream: cfg.name, seq } };
  }

  get(seq: number): StoredMessage | undefined { return this.msgs.get(seq); }

  /** The sequences stored, ascending. */
  sequences(): number[] { return [...this.msgs.keys()]; }

  /** The first message at or after `from` whose subject the filter matches (no filter: any). */
  next(from: number, filter: string | undefined): StoredMessage | undefined {
    for (let seq = Math.max(from, this.firstSeq); seq <= this.last; seq++) {
      const m = this.msgs.get(seq);
      if (m && filterMatches(filter, m.subject)) return m;
    }
    return undefined;
  }

  /** Messages at or after `from` the filter matches (a consumer's `num_pending`). */
  count(from: number, filter: string | undefined): number {
    const first = this.firstSeq;
    // no gaps and no filter: a subtraction (this runs on every delivery)
    if ((filter === undefined || filter === '') && this.last - first + 1 === this.msgs.size) return Math.max(0, this.last - Math.max(from, first) + 1);
    let n = 0;
    for (const m of this.msgs.values()) if (m.seq >= from && filterMatches(filter, m.subject)) n++;
    return n;
  }

  /** The last message the filter matches (deliver policy `last`). */
  lastMatching(filter: string | undefined): StoredMessage | undefined {
    for (let seq = this.last; seq >= this.firstSeq; seq--) {
      const m = this.msgs.get(seq);
      if (m && filterMatches(filter, m.subject)) return m;
    }
    return undefined;
  }

  /** The last sequence of each subject the filter matches, ascending (deliver policy `last_per_subject`). */
  lastPerSubject(filter: string | undefined): number[] {
    const seqs: number[] = [];
    for (const [subject, list] of this.lastBySubject) if (filterMatches(filter, subject) && list.length) seqs.push(list.at(-1)!);
    return seqs.sort((a, b) => a - b);
  }

  /** The first sequence stored at or after `time` (epoch ms; deliver policy `by_start_time`). */
  seqAtTime(time: number): number {
    for (const m of this.msgs.values()) if (m.time >= time) return m.seq;
    return this.last + 1;
  }

  remove(seq: number): boolean {
    const m = this.msgs.get(seq);
    if (!m) return false;
    this.msgs.delete(seq);
    this.bytes -= m.size;
    const list = this.lastBySubject.get(m.subject)!;
    list.splice(list.indexOf(seq), 1);
    if (list.length === 0) this.lastBySubject.delete(m.subject);
    if (seq === this.first) this.first = this.msgs.size ? this.msgs.keys().next().value! : this.last + 1;
    return true;
  }

  /** Removes every message, or those of one subject; the sequence goes on. Returns how many. */
  purge(subject?: string): number {
    let n = 0;
    for (const m of [...this.msgs.values()]) if (subject === undefined || filterMatches(subject, m.subject)) n += this.remove(m.seq) ? 1 : 0;
    return n;
  }

  /** Removes messages older than `max_age`; returns when the next one expires (epoch ms), if any. */
  expire(now: number): number | undefined {
    const maxAge = this.config.max_age / NS_PER_MS;
    if (maxAge <= 0) return undefined;
    for (const m of [...this.msgs.values()]) {
      if (m.time + maxAge > now) return m.time + maxAge;
      this.remove(m.seq);
    }
    return undefined;
  }

  state(consumers: number): StreamState {
    const first = this.msgs.get(this.firstSeq);
    const last = this.msgs.get(this.last);
    const span = this.msgs.size ? this.last - this.firstSeq + 1 : 0;
    return {
      messages: this.msgs.size,
      bytes: this.bytes,
      first_seq: this.msgs.size ? this.firstSeq : this.last === 0 ? 0 : this.last + 1,
      first_ts: new Date(first?.time ?? 0).toISOString(),
      last_seq: this.last,
      last_ts: new Date(last?.time ?? 0).toISOString(),
      consumer_count: consumers,
      num_deleted: span - this.msgs.size,
    };
  }

  info(consumers: number): StreamInfo {
    return { config: { ...this.config, subjects: [...this.config.subjects] }, state: this.state(consumers), created: new Date(this.created).toISOString() };
  }

  private remember(msgId: string, seq: number, now: number): void {
    this.lastMsgId = msgId;
    if (msgId !== '' && this.config.duplicate_window > 0) this.dedupe.set(msgId, { seq, time: now });
  }

  private purgeDedupe(now: number): void {
    const window = this.config.duplicate_window / NS_PER_MS;
    for (const [id, e] of this.dedupe) {
      if (e.time + window > now) break; // insertion order is time order
      this.dedupe.delete(id);
    }
  }

  /** Applies the limits to what is stored (after a configuration update lowered them). */
  enforceLimits(): void {
    for (const subject of [...this.lastBySubject.keys()]) this.trim(subject);
  }

  private trim(subject: string): void {
    const cfg = this.config;
    const list = this.lastBySubject.get(subject);
    while (cfg.max_msgs_per_subject > 0 && list && list.length > cfg.max_msgs_per_subject) this.remove(list[0]!);
    while (cfg.max_msgs > 0 && this.msgs.size > cfg.max_msgs) this.remove(this.firstSeq);
    while (cfg.max_bytes > 0 && this.bytes > cfg.max_bytes && this.msgs.size > 0) this.remove(this.firstSeq);
  }
}

function fail(error: JsApiError): StoreResult {
  return { ok: false, error };
}
