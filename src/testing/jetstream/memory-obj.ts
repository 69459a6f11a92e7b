import { createHash, randomBytes } from 'node:crypto';
import type { JetStreamBackend } from '../../jetstream/backend.js';
import { StreamNotFoundError } from '../../jetstream/jetstream.errors.js';
import { KvError } from '../../jetstream/kv/kv.errors.js';
import type { ObjectMeta } from '../../jetstream/obj/object-bucket.js';
import { base64UrlPadded, readObjectEntry } from '../../jetstream/obj/object-entry.js';
import type { ObjStore, ObjStoreChange, ObjStorePutMeta, ObjStoreWatch, ObjStoreWatchOptions } from '../../jetstream/store-backend.js';
import { JsApiError } from './js-api-error.js';
import type { MemoryJetStream } from './memory-jetstream.js';

/** The object's entry as nats.js writes it on a server (@nats-io/obj `ServerObjectInfo`). */
interface ServerObjectInfo {
  name: string;
  bucket: string;
  nuid: string;
  size: number;
  chunks: number;
  digest: string;
  mtime: string;
  deleted: boolean;
  description?: string;
  metadata?: Record<string, string>;
  options?: { max_chunk_size?: number; link?: unknown };
}

const DEFAULT_CHUNK = 128 * 1024;
const PUBLISH_TIMEOUT = 5_000;
const te = new TextEncoder();
const td = new TextDecoder();

/**
 * An object store in the memory broker's JetStream, laid out as nats.js lays it out on a server:
 * stream `OBJ_<bucket>`, chunks on `$O.<bucket>.C.<nuid>`, the object's entry (JSON) on
 * `$O.<bucket>.M.<base64url(name)>` with `Nats-Rollup: sub`; a put replaces an object's chunks
 * once its entry is written, a delete leaves an entry marked deleted. The stream's `max_age` and
 * `max_bytes` apply as on the server, and a watch is an ordered consumer of the entries.
 */
export class MemoryObjStore implements ObjStore {
  private readonly stream: string;

  constructor(readonly bucket: string, private readonly js: () => MemoryJetStream, private readonly backend: JetStreamBackend) {
    this.stream = `OBJ_${bucket}`;
  }

  async put(meta: ObjStorePutMeta, data: ReadableStream<Uint8Array>): Promise<ObjectMeta> {
    const name = checkName(meta.name);
    const chunkSize = meta.chunkSize && meta.chunkSize > 0 ? meta.chunkSize : DEFAULT_CHUNK;
    const old = this.entry(name);
    const nuid = randomBytes(11).toString('hex');
    const chunkSubject = this.chunkSubject(nuid);
    const sha = createHash('sha256');
    let size = 0;
    let chunks = 0;
    let pending: Uint8Array = new Uint8Array(0);
    const flush = async (bytes: Uint8Array): Promise<void> => {
      await this.backend.publish(chunkSubject, bytes, { timeout: PUBLISH_TIMEOUT });
      chunks++;
    };
    const reader = data.getReader();
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        sha.update(r.value);
        size += r.value.length;
        pending = concat(pending, r.value);
        while (pending.length >= chunkSize) {
          await flush(pending.subarray(0, chunkSize));
          pending = pending.slice(chunkSize);
        }
      }
      if (pending.length > 0) await flush(pending);
      const info: ServerObjectInfo = {
        name, bucket: this.bucket, nuid, size, chunks,
        digest: `SHA-256=${base64UrlPadded(sha.digest())}`,
        mtime: new Date(this.js().now()).toISOString(),
        deleted: false,
        options: { max_chunk_size: chunkSize },
        ...(meta.description !== undefined && { description: meta.description }),
        ...(meta.metadata !== undefined && { metadata: meta.metadata }),
      };
      const ack = await this.writeEntry(info);
      if (old) this.purgeChunks(old.info.nuid);
      return this.toMeta(info, ack.seq);
    } catch (err) {
      // a put that fails leaves nothing behind: the old object (if any) stays as it was
      reader.releaseLock();
      this.purgeChunks(nuid);
      throw this.typed(err);
    }
  }

  async info(name: string): Promise<ObjectMeta | undefined> {
    const e = this.entry(checkName(name));
    return e && !e.info.deleted ? this.toMeta(e.info, e.seq) : undefined;
  }

  async list(): Promise<ObjectMeta[]> {
    const out: ObjectMeta[] = [];
    for (const m of this.engine(() => this.js().messages(this.stream, `$O.${this.bucket}.M.>`, 'last-per-subject'))) {
      const info = JSON.parse(td.decode(m.data)) as ServerObjectInfo;
      if (!info.deleted) out.push(this.toMeta(info, m.seq));
    }
    return out;
  }

  async delete(name: string): Promise<boolean> {
    const e = this.entry(checkName(name));
    if (!e || e.info.deleted) return false;
    // as nats.js: the put's mtime stays
    const info: ServerObjectInfo = { ...e.info, deleted: true, size: 0, chunks: 0, digest: '' };
    await this.writeEntry(info);
    this.purgeChunks(e.info.nuid);
    return true;
  }

  async get(name: string): Promise<{ info: ObjectMeta; data: ReadableStream<Uint8Array> } | undefined> {
    const e = this.entry(checkName(name));
    if (!e || e.info.deleted) return undefined;
    if (e.info.options?.link) throw new Error(`object '${name}' of store '${this.bucket}' is a link; links are not followed`);
    return { info: this.toMeta(e.info, e.seq), data: this.content(e.info) };
  }

  async lastRevision(): Promise<number> {
    return this.engine(() => this.js().streamInfo(this.stream).state.last_seq);
  }

  async watch(o: ObjStoreWatchOptions): Promise<ObjStoreWatch> {
    const sub = await this.backend.ordered(this.stream, {
      filterSubjects: [`$O.${this.bucket}.M.>`],
      ...(o.from === 'last-values' ? { deliverPolicy: 'last_per_subject' as const } : { deliverPolicy: 'by_start_sequence' as const, optStartSeq: o.from }),
    });
    const bucket = this.bucket;
    return {
      stop: () => sub.stop(),
      async *[Symbol.asyncIterator](): AsyncGenerator<ObjStoreChange> {
        for await (const m of sub) yield readObjectEntry(bucket, { subject: m.subject, seq: m.info.streamSequence, data: m.data, time: m.info.timestamp });
      },
    };
  }

  /** Writes an object's entry, replacing its earlier ones. */
  private async writeEntry(info: ServerObjectInfo): Promise<{ seq: number }> {
    const ack = await this.backend.publish(this.metaSubject(info.name), te.encode(JSON.stringify(info)), { headers: { 'Nats-Rollup': 'sub' }, timeout: PUBLISH_TIMEOUT });
    // a server pushes the entry to the watches as it stores it, before the writer's next write
    // arrives: let the broker hand it to them now too, or a rollup right after would take it away
    await this.js().idle();
    return ack;
  }

  /** The chunks as the reader asks for them, checked against the digest and size at the end. */
  private content(i: ServerObjectInfo): ReadableStream<Uint8Array> {
    const seqs = this.engine(() => this.js().messages(this.stream, this.chunkSubject(i.nuid), 'all')).map((m) => m.seq);
    const sha = createHash('sha256');
    let next = 0;
    let bytes = 0;
    const corrupt = (why: string): KvError => new KvError('corrupt-object', `object '${i.name}' of store '${this.bucket}' is corrupt: ${why}`, { bucket: this.bucket, key: i.name });
    return new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (next >= i.chunks) {
          const digest = `SHA-256=${base64UrlPadded(sha.digest())}`;
          if (digest !== i.digest || bytes !== i.size) controller.error(corrupt(`its content does not match its digest or size (${bytes} of ${i.size} bytes)`));
          else controller.close();
          return;
        }
        const seq = seqs[next];
        const m = seq === undefined ? undefined : this.tryGet(seq);
        if (!m) {
          controller.error(corrupt(`chunk ${next + 1} of ${i.chunks} is missing`));
          return;
        }
        next++;
        bytes += m.length;
        sha.update(m);
        controller.enqueue(m);
      },
    }, { highWaterMark: 0 });
  }

  private tryGet(seq: number): Uint8Array | undefined {
    try {
      return this.js().getMessage(this.stream, seq).data.slice();
    } catch {
      return undefined;
    }
  }

  private entry(name: string): { info: ServerObjectInfo; seq: number } | undefined {
    try {
      const m = this.js().getLastMessage(this.stream, this.metaSubject(name));
      return { info: JSON.parse(td.decode(m.data)) as ServerObjectInfo, seq: m.seq };
    } catch (err) {
      if (err instanceof JsApiError && err.errCode === 10037) return undefined;
      throw this.typed(err);
    }
  }

  private purgeChunks(nuid: string): void {
    try {
      this.js().purgeStream(this.stream, this.chunkSubject(nuid));
    } catch {
      // the stream is gone: nothing is left to purge
    }
  }

  private chunkSubject(nuid: string): string { return `$O.${this.bucket}.C.${nuid}`; }
  private metaSubject(name: string): string { return `$O.${this.bucket}.M.${base64UrlPadded(te.encode(name))}`; }

  private toMeta(i: ServerObjectInfo, revision: number): ObjectMeta {
    return {
      bucket: this.bucket, name: i.name, size: i.size, chunks: i.chunks, digest: i.digest, modified: new Date(i.mtime), revision,
      ...(i.description && { description: i.description }),
      ...(i.metadata && { metadata: i.metadata }),
    };
  }

  private engine<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.typed(err);
    }
  }

  private typed(err: unknown): unknown {
    if (err instanceof JsApiError && err.errCode === 10059) return new StreamNotFoundError(this.stream, undefined, { cause: err });
    return err;
  }
}

/** As nats.js: an object needs a name. */
function checkName(name: string): string {
  if (typeof name !== 'string' || name === '') throw new Error('name cannot be empty');
  return name;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
