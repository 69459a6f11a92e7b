import { createHash } from 'node:crypto';
import { Objm, getSha256Backend, setSha256Backend, type ObjectInfo, type ObjectStore } from '@nats-io/obj';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { KvError } from '../kv/kv.errors.js';

/** What the store knows about one object. */
export interface ObjectMeta {
  readonly bucket: string;
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  readonly chunks: number;
  /** `SHA-256=<base64url>` of the content. */
  readonly digest: string;
  /** When it was written. */
  readonly modified: Date;
  /** The stream sequence of its metadata entry. */
  readonly revision: number;
  readonly description?: string;
  readonly metadata?: Record<string, string>;
}

/** An object's metadata and its content as a stream, read chunk by chunk as you consume it. */
export interface ObjectRead {
  readonly info: ObjectMeta;
  /** Errors with KvError `corrupt-object` when the content does not match the digest or chunks are missing. */
  readonly data: ReadableStream<Uint8Array>;
}

/** What `put` accepts: a web stream, any async iterable of bytes (a Node `Readable`), or the bytes themselves. */
export type ObjectSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array | string;

export interface ObjectPutOptions {
  description?: string;
  metadata?: Record<string, string>;
  /** Chunk size in bytes (default 128 KiB, at most the server's max payload). */
  chunkSize?: number;
}

/** Chunks fetched per read: what `get` holds at most beyond what the reader has not consumed. */
const CHUNKS_PER_FETCH = 4;

/**
 * A handle on one JetStream object store. Inject it with `@InjectObjectStore('name')` once the
 * store is declared in `JetStreamModule.forRoot({ objectStores })`. Content goes in and out as
 * streams, chunk by chunk, so an object is never held whole in memory: `put` reads the source only
 * as fast as chunks are stored; `get` fetches a few chunks at a time, as the reader asks.
 * @example
 * await this.invoices.put('2026/42.pdf', createReadStream(path));
 * const found = await this.invoices.get('2026/42.pdf'); if (found) await pipeline(Readable.fromWeb(found.data), res);
 */
export class ObjectBucket {
  private store: Promise<ObjectStore> | undefined;
  private opened: NatsConnection | undefined;

  constructor(readonly name: string, private readonly connection: () => NatsConnection) {}

  /** Stores `source` under `name` (replacing an object of that name once complete); resolves with its metadata. */
  async put(name: string, source: ObjectSource, options: ObjectPutOptions = {}): Promise<ObjectMeta> {
    const os = await this.raw();
    const meta = {
      name,
      ...(options.description !== undefined && { description: options.description }),
      ...(options.metadata !== undefined && { metadata: options.metadata }),
      ...(options.chunkSize !== undefined && { options: { max_chunk_size: options.chunkSize } }),
    };
    return this.toMeta(await os.put(meta, toStream(source)));
  }

  /** The object's metadata, or undefined when there is none (never put, or deleted). */
  async info(name: string): Promise<ObjectMeta | undefined> {
    const i = await (await this.raw()).info(name);
    return i && !i.deleted ? this.toMeta(i) : undefined;
  }

  /** Every object's metadata (deleted ones left out). */
  async list(): Promise<ObjectMeta[]> {
    const all = await (await this.raw()).list();
    return all.filter((i) => !i.deleted).map((i) => this.toMeta(i));
  }

  /** Deletes the object and its content; resolves false when there was none. */
  async delete(name: string): Promise<boolean> {
    const os = await this.raw();
    const i = await os.info(name);
    if (!i || i.deleted) return false;
    await os.delete(name);
    return true;
  }

  /**
   * The object's metadata and content, or undefined when there is none. The content is fetched
   * from the server as the stream is read ({@link CHUNKS_PER_FETCH} chunks at a time) and checked
   * against the digest at the end. Cancel the stream to stop early.
   */
  async get(name: string): Promise<ObjectRead | undefined> {
    const os = await this.raw();
    const i = await os.info(name);
    if (!i || i.deleted) return undefined;
    if (i.options?.link) throw new Error(`object '${name}' of store '${this.name}' is a link; links are not followed`);
    return { info: this.toMeta(i), data: this.content(i) };
  }

  /** The nats.js object store, for what this handle does not wrap (links, watch, seal). */
  raw(): Promise<ObjectStore> {
    const nc = this.connection();
    if (!this.store || this.opened !== nc) {
      // nats.js hashes puts in pure JS by default (for browsers); Node's own SHA-256 is many times faster
      if (getSha256Backend() === 'js') setSha256Backend('native');
      this.opened = nc;
      this.store = new Objm(nc).open(this.name);
      this.store.catch(() => (this.store = undefined));
    }
    return this.store;
  }

  private content(i: ObjectInfo): ReadableStream<Uint8Array> {
    const bucket = this.name;
    if (i.size === 0) return new ReadableStream({ start: (c) => c.close() });
    const js = jetstream(this.connection());
    const consumer = js.consumers.get(`OBJ_${bucket}`, { filter_subjects: `$O.${bucket}.C.${i.nuid}` });
    const sha = createHash('sha256');
    let received = 0;
    let bytes = 0;
    const corrupt = (why: string) => new KvError('corrupt-object', `object '${i.name}' of store '${bucket}' is corrupt: ${why}`, { bucket, key: i.name });
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const c = await consumer;
        const batch = await c.fetch({ max_messages: Math.min(CHUNKS_PER_FETCH, i.chunks - received), expires: 5_000 });
        let got = 0;
        for await (const m of batch) {
          got++;
          received++;
          bytes += m.data.length;
          sha.update(m.data);
          controller.enqueue(m.data);
        }
        if (received >= i.chunks) {
          const digest = `SHA-256=${sha.digest('base64url')}`;
          const want = i.digest.replace(/=+$/, '');
          if (digest !== want || bytes !== i.size) controller.error(corrupt(`its content does not match its digest or size (${bytes} of ${i.size} bytes)`));
          else controller.close();
          void c.delete().catch(() => undefined);
        } else if (got === 0) {
          controller.error(corrupt(`chunk ${received + 1} of ${i.chunks} is missing`));
        }
      },
      async cancel() {
        await (await consumer).delete().catch(() => undefined);
      },
    }, { highWaterMark: 0 });
  }

  private toMeta(i: ObjectInfo): ObjectMeta {
    return {
      bucket: this.name, name: i.name, size: i.size, chunks: i.chunks, digest: i.digest, modified: new Date(i.mtime), revision: i.revision,
      ...(i.description && { description: i.description }),
      ...(i.metadata && { metadata: i.metadata }),
    };
  }
}

const encoder = new TextEncoder();

/** Turns any accepted source into a web stream read one piece per pull (nothing read ahead). */
function toStream(source: ObjectSource): ReadableStream<Uint8Array> {
  if (source instanceof ReadableStream) return source;
  if (typeof source === 'string' || source instanceof Uint8Array) {
    const bytes = typeof source === 'string' ? encoder.encode(source) : source;
    return new ReadableStream({ start: (c) => { c.enqueue(bytes); c.close(); } });
  }
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      const r = await it.next();
      if (r.done) c.close();
      else c.enqueue(r.value instanceof Uint8Array ? r.value : encoder.encode(String(r.value)));
    },
    async cancel() {
      await it.return?.();
    },
  }, { highWaterMark: 0 });
}
