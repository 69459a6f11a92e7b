import { createHash } from 'node:crypto';
import { getSha256Backend, setSha256Backend, type ObjectInfo, type ObjectStore } from '@nats-io/obj';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { KvError } from '../kv/kv.errors.js';
import type { ObjectMeta } from '../obj/object-bucket.js';
import { readObjectEntry } from '../obj/object-entry.js';
import type { ObjStore, ObjStoreChange, ObjStorePutMeta, ObjStoreWatch, ObjStoreWatchOptions } from '../store-backend.js';
import { startOrdered } from './nats-ordered.js';

/** Chunks fetched per read: what `get` holds at most beyond what the reader has not consumed. */
const CHUNKS_PER_FETCH = 4;

/**
 * An object store over nats.js's `ObjectStore`; content is read chunk by chunk with a consumer. A
 * watch is an ordered consumer of the metadata entries, not nats.js's `watch()`, which gives no
 * revisions and cannot start from one, so a reopened watch could not resume where it stopped.
 */
export class NatsObjStore implements ObjStore {
  constructor(readonly bucket: string, readonly store: ObjectStore, private readonly nc: NatsConnection) {
    // nats.js hashes puts in pure JS by default (for browsers); Node's own SHA-256 is many times faster
    if (getSha256Backend() === 'js') setSha256Backend('native');
  }

  async put(m: ObjStorePutMeta, data: ReadableStream<Uint8Array>): Promise<ObjectMeta> {
    const meta = {
      name: m.name,
      ...(m.description !== undefined && { description: m.description }),
      ...(m.metadata !== undefined && { metadata: m.metadata }),
      ...(m.chunkSize !== undefined && { options: { max_chunk_size: m.chunkSize } }),
    };
    return this.toMeta(await this.store.put(meta, data));
  }

  async info(name: string): Promise<ObjectMeta | undefined> {
    const i = await this.store.info(name);
    return i && !i.deleted ? this.toMeta(i) : undefined;
  }

  async list(): Promise<ObjectMeta[]> {
    const all = await this.store.list();
    return all.filter((i) => !i.deleted).map((i) => this.toMeta(i));
  }

  async delete(name: string): Promise<boolean> {
    const i = await this.store.info(name);
    if (!i || i.deleted) return false;
    await this.store.delete(name);
    return true;
  }

  async get(name: string): Promise<{ info: ObjectMeta; data: ReadableStream<Uint8Array> } | undefined> {
    const i = await this.store.info(name);
    if (!i || i.deleted) return undefined;
    if (i.options?.link) throw new Error(`object '${name}' of store '${this.bucket}' is a link; links are not followed`);
    return { info: this.toMeta(i), data: this.content(i) };
  }

  async lastRevision(): Promise<number> {
    return (await this.store.status()).streamInfo.state.last_seq;
  }

  async watch(o: ObjStoreWatchOptions): Promise<ObjStoreWatch> {
    const bucket = this.bucket;
    const sub = await startOrdered(jetstream(this.nc), `OBJ_${bucket}`, {
      filterSubjects: [`$O.${bucket}.M.>`],
      ...(o.from === 'last-values' ? { deliverPolicy: 'last_per_subject' as const } : { deliverPolicy: 'by_start_sequence' as const, optStartSeq: o.from }),
    });
    return {
      stop: () => sub.stop(),
      async *[Symbol.asyncIterator](): AsyncGenerator<ObjStoreChange> {
        for await (const m of sub) yield readObjectEntry(bucket, { subject: m.subject, seq: m.info.streamSequence, data: m.data, time: m.info.timestamp });
      },
    };
  }

  private content(i: ObjectInfo): ReadableStream<Uint8Array> {
    const bucket = this.bucket;
    if (i.size === 0) return new ReadableStream({ start: (c) => c.close() });
    const js = jetstream(this.nc);
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
      bucket: this.bucket, name: i.name, size: i.size, chunks: i.chunks, digest: i.digest, modified: new Date(i.mtime), revision: i.revision,
      ...(i.description && { description: i.description }),
      ...(i.metadata && { metadata: i.metadata }),
    };
  }
}
