import type { JetStreamBackend, JetStreamMessage } from '../../jetstream/backend.js';
import { StreamNotFoundError, WrongLastSequenceError } from '../../jetstream/jetstream.errors.js';
import type { KvOperation } from '../../jetstream/kv/kv-bucket.js';
import { KvError } from '../../jetstream/kv/kv.errors.js';
import { checkFilter, checkKey, conflict, hasWildcards, invalidKey } from '../../jetstream/kv/kv-keys.js';
import type { KvStore, KvStoreEntry, KvStoreWatch, KvStoreWatchOptions } from '../../jetstream/store-backend.js';
import type { HeaderRecord } from '../../transport/transport.js';
import { JsApiError } from './js-api-error.js';
import type { StoredMessage } from './js-types.js';
import type { MemoryJetStream } from './memory-jetstream.js';

/** The header nats.js marks deletes and purges with (@nats-io/kv `kvOperationHdr`). */
const OPERATION = 'KV-Operation';
const OPERATIONS: Record<string, KvOperation> = { DEL: 'delete', PURGE: 'purge' };
const PUBLISH_TIMEOUT = 5_000;
const EMPTY = new Uint8Array(0);
const isConflict = (err: unknown): boolean => KvError.is(err, 'conflict');

/**
 * A key-value bucket in the memory broker's JetStream, laid out as nats.js lays it out on a
 * server: stream `KV_<bucket>`, one subject `$KV.<bucket>.<key>` per key, a delete as a message
 * with `KV-Operation: DEL`, a purge as `KV-Operation: PURGE` with `Nats-Rollup: sub`, expected
 * revisions as `Nats-Expected-Last-Subject-Sequence`. The stream's own limits do the rest: a
 * revision is the stream sequence, `history` is `max_msgs_per_subject`, a TTL is `max_age` (so
 * it runs on the broker's clock), and a watch is an ordered consumer.
 */
export class MemoryKvStore implements KvStore {
  private readonly stream: string;
  private readonly prefix: string;

  constructor(readonly bucket: string, private readonly js: () => MemoryJetStream, private readonly backend: JetStreamBackend) {
    this.stream = `KV_${bucket}`;
    this.prefix = `$KV.${bucket}.`;
  }

  async get(key: string): Promise<KvStoreEntry | undefined> {
    checkKey(this.bucket, key);
    try {
      return this.entry(this.js().getLastMessage(this.stream, this.prefix + key));
    } catch (err) {
      if (err instanceof JsApiError && err.errCode === 10037) return undefined;
      throw this.typed(err);
    }
  }

  async put(key: string, value: Uint8Array): Promise<number> {
    checkKey(this.bucket, key);
    return this.write(key, value);
  }

  async create(key: string, value: Uint8Array): Promise<number> {
    checkKey(this.bucket, key);
    try {
      return await this.write(key, value, undefined, 0);
    } catch (err) {
      if (!isConflict(err)) throw err;
      // as nats.js: a key whose last revision is a delete or purge marker has no value
      const e = await this.get(key);
      if (!e || e.operation === 'put') throw err;
      try {
        return await this.write(key, value, undefined, e.revision);
      } catch (again) {
        throw isConflict(again) ? conflict(this.bucket, key, 0, again) : again;
      }
    }
  }

  async update(key: string, value: Uint8Array, revision: number): Promise<number> {
    if (!(revision > 0)) throw new Error('version must be greater than 0');
    checkKey(this.bucket, key);
    return this.write(key, value, undefined, revision);
  }

  delete(key: string, revision?: number): Promise<void> {
    return this.mark(key, 'DEL', revision);
  }

  purge(key: string, revision?: number): Promise<void> {
    return this.mark(key, 'PURGE', revision);
  }

  async *keys(filter: string): AsyncGenerator<string> {
    checkFilter(this.bucket, filter);
    const last = this.read(filter, 'last-per-subject');
    for (const m of last) if (!m.headers?.[OPERATION]) yield m.subject.slice(this.prefix.length);
  }

  async *history(key: string): AsyncGenerator<KvStoreEntry> {
    checkFilter(this.bucket, key);
    for (const m of this.read(key, 'all')) yield this.entry(m);
  }

  async lastRevision(): Promise<number> {
    try {
      return this.js().streamInfo(this.stream).state.last_seq;
    } catch (err) {
      throw this.typed(err);
    }
  }

  async watch(o: KvStoreWatchOptions): Promise<KvStoreWatch> {
    checkFilter(this.bucket, o.key);
    const sub = await this.backend.ordered(this.stream, {
      filterSubjects: [this.prefix + o.key],
      ...(o.from === 'last-values' ? { deliverPolicy: 'last_per_subject' as const } : { deliverPolicy: 'by_start_sequence' as const, optStartSeq: o.from }),
    });
    const entry = (m: JetStreamMessage): KvStoreEntry => this.entry({ seq: m.info.streamSequence, subject: m.subject, data: m.data, headers: m.headers, time: m.info.timestamp });
    return {
      stop: () => sub.stop(),
      async *[Symbol.asyncIterator]() {
        for await (const m of sub) yield entry(m);
      },
    };
  }

  /** A delete or purge marker; a filter marks every key it matches (as nats.js does). */
  private async mark(key: string, op: 'DEL' | 'PURGE', revision: number | undefined): Promise<void> {
    const headers: HeaderRecord = { [OPERATION]: op, ...(op === 'PURGE' && { 'Nats-Rollup': 'sub' }) };
    if (hasWildcards(key)) {
      if (key.startsWith('.') || key.endsWith('.')) throw invalidKey(this.bucket, key);
      const all: string[] = [];
      for await (const k of this.keys(key)) all.push(k);
      for (const k of all) await this.write(k, EMPTY, headers);
      return;
    }
    checkKey(this.bucket, key);
    // nats.js sends no expectation for revision 0
    await this.write(key, EMPTY, headers, revision || undefined);
  }

  private async write(key: string, value: Uint8Array, headers?: HeaderRecord, expected?: number): Promise<number> {
    try {
      const ack = await this.backend.publish(this.prefix + key, value, {
        ...(headers && { headers }),
        ...(expected !== undefined && { expect: { lastSubjectSequence: expected } }),
        timeout: PUBLISH_TIMEOUT,
      });
      // a server pushes a write to the watches as it stores it, before the writer's next write
      // arrives: let the broker hand it to them now too, or a purge right after would take it away
      await this.js().idle();
      return ack.seq;
    } catch (err) {
      if (expected !== undefined && WrongLastSequenceError.is(err)) throw conflict(this.bucket, key, expected, err);
      throw err;
    }
  }

  private read(filter: string, which: 'all' | 'last-per-subject'): StoredMessage[] {
    try {
      return this.js().messages(this.stream, this.prefix + filter, which);
    } catch (err) {
      throw this.typed(err);
    }
  }

  private entry(m: Pick<StoredMessage, 'seq' | 'subject' | 'data' | 'headers' | 'time'>): KvStoreEntry {
    const op = m.headers?.[OPERATION];
    return {
      bucket: this.bucket,
      key: m.subject.slice(this.prefix.length),
      value: m.data.slice(),
      revision: m.seq,
      operation: (op && OPERATIONS[op]) || 'put',
      created: new Date(m.time),
    };
  }

  private typed(err: unknown): unknown {
    if (err instanceof JsApiError && err.errCode === 10059) return new StreamNotFoundError(this.stream, undefined, { cause: err });
    return err;
  }
}
