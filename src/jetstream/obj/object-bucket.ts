import type { ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { natsStores } from '../nats/nats-stores.js';
import { NatsObjStore } from '../nats/nats-obj.store.js';
import { isStoreBackend, type ObjStore, type StoreBackend } from '../store-backend.js';

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

/**
 * A handle on one JetStream object store. Inject it with `@InjectObjectStore('name')` once the
 * store is declared in `JetStreamModule.forRoot({ objectStores })`. Content goes in and out as
 * streams, chunk by chunk, so an object is never held whole in memory: `put` reads the source only
 * as fast as chunks are stored; `get` fetches a few chunks at a time, as the reader asks.
 * It works on a NATS connection and on the testing kit's memory transport alike.
 * @example
 * await this.invoices.put('2026/42.pdf', createReadStream(path));
 * const found = await this.invoices.get('2026/42.pdf'); if (found) await pipeline(Readable.fromWeb(found.data), res);
 */
export class ObjectBucket {
  private store: Promise<ObjStore> | undefined;
  private opened: StoreBackend | undefined;

  /** @param stores where the store lives: the stores of the app's transport, or a nats.js connection. */
  constructor(readonly name: string, private readonly stores: () => StoreBackend | NatsConnection) {}

  /** Stores `source` under `name` (replacing an object of that name once complete); resolves with its metadata. */
  async put(name: string, source: ObjectSource, options: ObjectPutOptions = {}): Promise<ObjectMeta> {
    return (await this.open()).put({ name, ...options }, toStream(source));
  }

  /** The object's metadata, or undefined when there is none (never put, or deleted). */
  async info(name: string): Promise<ObjectMeta | undefined> {
    return (await this.open()).info(name);
  }

  /** Every object's metadata (deleted ones left out). */
  async list(): Promise<ObjectMeta[]> {
    return (await this.open()).list();
  }

  /** Deletes the object and its content; resolves false when there was none. */
  async delete(name: string): Promise<boolean> {
    return (await this.open()).delete(name);
  }

  /**
   * The object's metadata and content, or undefined when there is none. The content is fetched
   * as the stream is read (a few chunks at a time) and checked against the digest at the end.
   * Cancel the stream to stop early.
   * @throws Error for a link (links are not followed).
   */
  async get(name: string): Promise<ObjectRead | undefined> {
    return (await this.open()).get(name);
  }

  /**
   * The nats.js object store, for what this handle does not wrap (links, seal; watch with `@ObjectWatch`).
   * @throws Error on a transport without nats.js (the testing kit's memory transport).
   */
  async raw(): Promise<ObjectStore> {
    const s = await this.open();
    if (!(s instanceof NatsObjStore)) throw new Error(`ObjectBucket.raw() needs a NATS connection; object store '${this.name}' is on the testing kit's emulation`);
    return s.store;
  }

  private open(): Promise<ObjStore> {
    const source = this.stores();
    const stores = isStoreBackend(source) ? source : natsStores(source);
    if (!this.store || this.opened !== stores) {
      this.opened = stores;
      this.store = stores.openObjectStore(this.name);
      this.store.catch(() => (this.store = undefined));
    }
    return this.store;
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
