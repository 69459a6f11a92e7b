import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { IsInt, IsString, Min } from 'class-validator';
import { KvBucket, type KvChange } from '../../src/jetstream/kv/kv-bucket.js';
import { KvError } from '../../src/jetstream/kv/kv.errors.js';
import { ObjectBucket } from '../../src/jetstream/obj/object-bucket.js';
import type { KvStoreEntry, KvStoreWatch, ObjStore, ObjStoreChange, ObjStoreWatch } from '../../src/jetstream/store-backend.js';
import { waitUntil } from '../../src/testing/index.js';
import type { StoreScope } from './kv-target.js';

const td = new TextDecoder();
const te = new TextEncoder();
const DEADLINE = { timeout: 15_000 } as const;

class Cart {
  @IsString() owner!: string;
  @IsInt() @Min(0) items!: number;
}

/** What a change says, without its time (which differs between brokers). */
const shape = <T>(c: KvChange<T>) => ({ key: c.key, operation: c.operation, value: c.value });
const entryShape = (e: KvStoreEntry) => ({ key: e.key, operation: e.operation, value: td.decode(e.value) });

/** The first `n` entries of a watch, within a deadline. */
async function take(watch: KvStoreWatch, n: number): Promise<KvStoreEntry[]> {
  const got: KvStoreEntry[] = [];
  const timer = setTimeout(() => watch.stop(), DEADLINE.timeout);
  try {
    for await (const e of watch) {
      got.push(e);
      if (got.length === n) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return got;
}

/** The first `n` changes of an object store watch, within a deadline. */
async function takeChanges(watch: ObjStoreWatch, n: number): Promise<ObjStoreChange[]> {
  const got: ObjStoreChange[] = [];
  const timer = setTimeout(() => watch.stop(), DEADLINE.timeout);
  try {
    for await (const c of watch) {
      got.push(c);
      if (got.length === n) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return got;
}

/** What a change says, without times (which differ between brokers). */
const changeShape = (c: ObjStoreChange) => ({ name: c.name, operation: c.operation, size: c.meta?.size, revision: c.revision });

/** Key-value buckets as the handles rely on them, the same on the memory emulation and on nats-server. */
export function kvCases(scope: StoreScope): void {
  describe('a key-value bucket', () => {
    describe('when keys are created, updated and deleted with their revisions', () => {
      it('should number every write of the bucket in order and refuse stale revisions with a conflict', async () => {
        const { stores, backend } = await scope.connect();
        const kv = new KvBucket<number>(await scope.bucket(stores, backend), () => stores);
        const r1 = await kv.create('a', 1);
        await assert.rejects(kv.create('a', 2), (e: unknown) => KvError.is(e, 'conflict') && e.key === 'a' && e.expected === 0);
        const r2 = await kv.update('a', 2, r1);
        assert.ok(r2 > r1);
        await assert.rejects(kv.update('a', 3, r1), (e: unknown) => KvError.is(e, 'conflict') && e.expected === r1);
        await assert.rejects(kv.update('a', 3, 0), /version must be greater than 0/);
        const r3 = await kv.put('b', 10);
        assert.equal(r3, r2 + 1, 'a revision counts writes of the whole bucket');
        assert.deepEqual({ value: (await kv.get('a'))?.value, revision: (await kv.get('a'))?.revision }, { value: 2, revision: r2 });
        await assert.rejects(kv.delete('a', { revision: r1 }), (e: unknown) => KvError.is(e, 'conflict'));
        await kv.delete('a', { revision: r2 });
        assert.equal(await kv.get('a'), undefined);
        const r5 = await kv.create('a', 5);
        assert.equal(r5, r3 + 2, 'the delete marker took a revision');
        assert.equal((await kv.get('a'))?.value, 5);
      });

      it('should refuse keys KV does not allow with an invalid-key error naming the key', async () => {
        const { stores, backend } = await scope.connect();
        const kv = new KvBucket<number>(await scope.bucket(stores, backend), () => stores);
        for (const key of ['.a', 'a.', 'a b', 'a*', 'ä']) {
          await assert.rejects(kv.put(key, 1), (e: unknown) => KvError.is(e, 'invalid-key') && e.key === key, key);
        }
        await assert.rejects(stores.openBucket('no.dots'), /invalid bucket name/);
      });
    });

    describe('when a key is written more often than the bucket keeps', () => {
      it('should keep the last `history` revisions, the delete marker among them, and purge them all', async () => {
        const { stores, backend } = await scope.connect();
        const kv = new KvBucket<number>(await scope.bucket(stores, backend, { history: 3 }), () => stores);
        for (let i = 1; i <= 5; i++) await kv.put('k', i);
        await kv.put('other', 0);
        const h = await kv.history('k');
        assert.deepEqual(h.map(shape), [3, 4, 5].map((value) => ({ key: 'k', operation: 'put', value })));
        assert.ok(h.every((c, i) => i === 0 || c.revision > h[i - 1]!.revision));
        await kv.delete('k');
        assert.deepEqual((await kv.history('k')).map((c) => c.operation), ['put', 'put', 'delete']);
        await kv.purge('k');
        assert.deepEqual((await kv.history('k')).map((c) => c.operation), ['purge']);
        assert.equal(await kv.get('k'), undefined);
        assert.equal((await kv.get('other'))?.value, 0);
      });
    });

    describe('when a bucket has a TTL and it passes', () => {
      it('should forget the values written before it', async () => {
        const { stores, backend } = await scope.connect();
        const kv = new KvBucket<string>(await scope.bucket(stores, backend, { ttl: 1_000 }), () => stores);
        await kv.put('session', 'open');
        assert.equal((await kv.get('session'))?.value, 'open');
        await scope.elapse(1_001);
        await waitUntil(async () => (await kv.get('session')) === undefined, { ...DEADLINE, what: 'the value to expire' });
        const keys: string[] = [];
        for await (const k of kv.keys()) keys.push(k);
        assert.deepEqual(keys, []);
        // a key gone by age has no value: create works again
        assert.ok(await kv.create('session', 'again') > 0);
      });
    });

    describe('when keys are listed with a filter', () => {
      it('should give the keys with a value matching the subject wildcards', async () => {
        const { stores, backend } = await scope.connect();
        const kv = new KvBucket<number>(await scope.bucket(stores, backend), () => stores);
        for (const k of ['shop.a.x', 'shop.a.y', 'shop.b.x', 'other']) await kv.put(k, 1);
        await kv.delete('shop.a.y');
        const list = async (filter?: string): Promise<string[]> => {
          const out: string[] = [];
          for await (const k of kv.keys(filter)) out.push(k);
          return out.sort();
        };
        assert.deepEqual(await list('shop.a.*'), ['shop.a.x']);
        assert.deepEqual(await list('shop.>'), ['shop.a.x', 'shop.b.x']);
        assert.deepEqual(await list(), ['other', 'shop.a.x', 'shop.b.x']);
        assert.deepEqual(await list('nothing.*'), []);
        assert.deepEqual((await kv.history('shop.a.*')).map((c) => [c.key, c.operation]), [['shop.a.x', 'put'], ['shop.a.y', 'delete']], 'history 1: the delete replaced the put');
        // a filter purges every key with a value it matches; a deleted key keeps its marker
        await kv.purge('shop.>');
        assert.deepEqual(await list(), ['other']);
        assert.deepEqual((await kv.history('shop.>')).map((c) => [c.key, c.operation]), [['shop.a.y', 'delete'], ['shop.a.x', 'purge'], ['shop.b.x', 'purge']]);
      });
    });

    describe('when a stored value does not fit the bucket\'s DTO', () => {
      it('should fail the read with an invalid-value error naming the key, and read the others', async () => {
        const { stores, backend } = await scope.connect();
        const name = await scope.bucket(stores, backend);
        const carts = new KvBucket<Cart>(name, () => stores, { type: Cart });
        const raw = new KvBucket<unknown>(name, () => stores);
        await carts.put('cart.1', { owner: 'ann', items: 1 });
        await raw.put('cart.bad', { owner: 7 });
        const err = await carts.get('cart.bad').catch((e: unknown) => e);
        assert.ok(KvError.is(err, 'invalid-value'), String(err));
        assert.equal(err.key, 'cart.bad');
        assert.match(err.message, /cart\.bad/);
        const ok = await carts.get('cart.1');
        assert.ok(ok?.value instanceof Cart);
        await assert.rejects(carts.history('cart.bad'), (e: unknown) => KvError.is(e, 'invalid-value') && e.key === 'cart.bad');
      });
    });

    describe('when a watch follows the changes of a bucket', () => {
      it('should see every put, delete and purge after it began, once each and in revision order', async () => {
        const { stores, backend } = await scope.connect();
        const kv = new KvBucket<string>(await scope.bucket(stores, backend, { history: 5 }), () => stores);
        await kv.put('before', 'x');
        const store = await kv.open();
        const watch = await store.watch({ key: '>', from: (await store.lastRevision()) + 1 });
        const seen: KvStoreEntry[] = [];
        const got = (async () => { for await (const e of watch) if (seen.push(e) === 5) break; })();
        await kv.put('a', '1');
        await kv.put('b', '2');
        await kv.delete('a');
        await kv.put('a', '3');
        // a purge removes the key's earlier revisions: a watch that has not read them yet never will, on any broker
        await waitUntil(() => seen.length === 4, { ...DEADLINE, what: 'the watch to see the first four changes' });
        await kv.purge('b');
        await waitUntil(() => seen.length === 5, { ...DEADLINE, what: 'the watch to see the purge' });
        await got;
        watch.stop();
        assert.deepEqual(seen.map(entryShape), [
          { key: 'a', operation: 'put', value: '"1"' },
          { key: 'b', operation: 'put', value: '"2"' },
          { key: 'a', operation: 'delete', value: '' },
          { key: 'a', operation: 'put', value: '"3"' },
          { key: 'b', operation: 'purge', value: '' },
        ]);
        assert.deepEqual(seen.map((e) => e.revision), [2, 3, 4, 5, 6]);
      });

      it('should give the last revision of each matching key first, in revision order, then the changes', async () => {
        const { stores, backend } = await scope.connect();
        const kv = new KvBucket<number>(await scope.bucket(stores, backend, { history: 5 }), () => stores);
        await kv.put('p.a', 1);
        await kv.put('p.b', 2);
        await kv.put('p.a', 3);
        await kv.put('q.z', 9);
        await kv.delete('p.b');
        const store = await kv.open();
        const watch = await store.watch({ key: 'p.*', from: 'last-values' });
        const got = take(watch, 3);
        await kv.put('q.z', 10);
        await kv.put('p.c', 4);
        const seen = await got;
        watch.stop();
        assert.deepEqual(seen.map(entryShape), [
          { key: 'p.a', operation: 'put', value: '3' },
          { key: 'p.b', operation: 'delete', value: '' },
          { key: 'p.c', operation: 'put', value: '4' },
        ]);
        assert.deepEqual(seen.map((e) => e.revision), [3, 5, 7]);
      });
    });
  });
}

const sha = (b: Uint8Array): string => `SHA-256=${createHash('sha256').update(b).digest('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;

async function readAll(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of s as unknown as AsyncIterable<Uint8Array>) parts.push(p);
  return Buffer.concat(parts);
}

/** Object stores as `ObjectBucket` relies on them, the same on the memory emulation and on nats-server. */
export function objectStoreCases(scope: StoreScope): void {
  describe('an object store', () => {
    describe('when an object is put in chunks and read back as a stream', () => {
      it('should give the same bytes, its size, chunks and digest, and list it', async () => {
        const { stores, backend } = await scope.connect();
        const files = new ObjectBucket(await scope.objectStore(stores, backend), () => stores);
        const content = new Uint8Array(10_000).map((_, i) => i % 251);
        async function* pieces() { for (let i = 0; i < content.length; i += 3_000) yield content.subarray(i, i + 3_000); }
        const meta = await files.put('reports/2026.bin', pieces(), { chunkSize: 4_096, description: 'yearly', metadata: { kind: 'report' } });
        assert.deepEqual({ name: meta.name, size: meta.size, chunks: meta.chunks, digest: meta.digest, description: meta.description, metadata: meta.metadata },
          { name: 'reports/2026.bin', size: 10_000, chunks: 3, digest: sha(content), description: 'yearly', metadata: { kind: 'report' } });
        const found = await files.get('reports/2026.bin');
        assert.ok(found);
        assert.deepEqual(await readAll(found.data), Buffer.from(content));
        assert.equal((await files.info('reports/2026.bin'))?.revision, meta.revision);
        await files.put('empty', new Uint8Array(0));
        const empty = await files.get('empty');
        assert.deepEqual({ size: empty?.info.size, chunks: empty?.info.chunks }, { size: 0, chunks: 0 });
        assert.equal((await readAll(empty!.data)).length, 0);
        assert.deepEqual((await files.list()).map((m) => m.name).sort(), ['empty', 'reports/2026.bin']);
      });
    });

    describe('when an object is replaced and then deleted', () => {
      it('should give the new content, then nothing, and keep no chunks of either', async () => {
        const { stores, backend } = await scope.connect();
        const name = await scope.objectStore(stores, backend);
        const files = new ObjectBucket(name, () => stores);
        await files.put('doc', 'first version', { chunkSize: 4 });
        await files.put('doc', 'v2');
        assert.equal(td.decode(await readAll((await files.get('doc'))!.data)), 'v2');
        // the first version's 4 chunks are gone: one chunk and one entry remain
        assert.equal((await backend.streamInfo(`OBJ_${name}`)).state.messages, 2);
        assert.equal(await files.delete('doc'), true);
        assert.equal(await files.info('doc'), undefined);
        assert.equal(await files.get('doc'), undefined);
        assert.deepEqual(await files.list(), []);
        assert.equal(await files.delete('doc'), false);
        assert.equal(await files.delete('never'), false);
        assert.equal((await backend.streamInfo(`OBJ_${name}`)).state.messages, 1, 'only the deleted entry remains');
        await assert.rejects(files.put('', te.encode('x')));
      });
    });

    describe('when a watch follows the objects of a store', () => {
      it('should see each put once the object is complete and each delete, once each and in revision order, without reading content', async () => {
        const { stores, backend } = await scope.connect();
        const store: ObjStore = await stores.openObjectStore(await scope.objectStore(stores, backend));
        const files = new ObjectBucket(store.bucket, () => stores);
        await files.put('before', 'not a change');
        const watch = await store.watch({ from: (await store.lastRevision()) + 1 });
        const seen = takeChanges(watch, 4);
        const a1 = await files.put('a', 'first version of a', { chunkSize: 4, metadata: { kind: 'doc' } });
        const b = await files.put('b', 'b');
        const a2 = await files.put('a', 'a, again', { description: 'second' });
        await files.delete('b');
        const changes = await seen;
        watch.stop();
        assert.deepEqual(changes.map(changeShape), [
          { name: 'a', operation: 'put', size: 18, revision: a1.revision },
          { name: 'b', operation: 'put', size: 1, revision: b.revision },
          { name: 'a', operation: 'put', size: 8, revision: a2.revision },
          { name: 'b', operation: 'delete', size: 0, revision: changes[3]!.revision },
        ]);
        assert.ok(changes[3]!.revision > a2.revision);
        const put = changes[0]!.meta!;
        assert.deepEqual({ ...put, modified: put.modified.getTime() }, { ...a1, modified: a1.modified.getTime() }, 'a put carries the metadata put() gave');
        assert.deepEqual(changes[2]!.meta!.description, 'second');
        assert.deepEqual({ chunks: changes[3]!.meta!.chunks, digest: changes[3]!.meta!.digest }, { chunks: 0, digest: '' });
      });
    });

    describe('when a watch asks for the current objects first', () => {
      it('should give the last entry of every object (deleted ones too) in revision order, then the changes', async () => {
        const { stores, backend } = await scope.connect();
        const store = await stores.openObjectStore(await scope.objectStore(stores, backend));
        const files = new ObjectBucket(store.bucket, () => stores);
        await files.put('a', 'a1');
        await files.put('b', 'b1');
        await files.put('gone', 'x');
        await files.put('a', 'a2');
        await files.delete('gone');
        const end = await store.lastRevision();
        const watch = await store.watch({ from: 'last-values' });
        const seen = takeChanges(watch, 4);
        const c = await files.put('c', 'c1');
        const changes = await seen;
        watch.stop();
        assert.deepEqual(changes.map((x) => [x.name, x.operation, x.revision <= end]), [
          ['b', 'put', true], ['a', 'put', true], ['gone', 'delete', true], ['c', 'put', false],
        ]);
        assert.equal(changes[3]!.revision, c.revision);
        assert.ok(changes.every((x, i) => i === 0 || x.revision > changes[i - 1]!.revision));
      });
    });

    describe('when a watch is reopened from a revision', () => {
      it('should resume at that revision: what is still stored from there on, then the changes, nothing before', async () => {
        const { stores, backend } = await scope.connect();
        const store = await stores.openObjectStore(await scope.objectStore(stores, backend));
        const files = new ObjectBucket(store.bucket, () => stores);
        const a = await files.put('a', 'a');
        const b = await files.put('b', 'b');
        await files.put('c', 'c');
        // replacing c rolls its earlier entry up: the reopened watch sees the last one only
        const c2 = await files.put('c', 'c again');
        const first = await store.watch({ from: a.revision });
        const all = await takeChanges(first, 3);
        first.stop();
        assert.deepEqual(all.map((x) => [x.name, x.revision]), [['a', a.revision], ['b', b.revision], ['c', c2.revision]]);
        const again = await store.watch({ from: all[1]!.revision + 1 });
        const seen = takeChanges(again, 2);
        await files.delete('a');
        const resumed = await seen;
        again.stop();
        assert.deepEqual(resumed.map((x) => [x.name, x.operation]), [['c', 'put'], ['a', 'delete']]);
        assert.equal(resumed[0]!.revision, c2.revision);
      });
    });

    describe('when a client writes an entry that is not an object\'s metadata', () => {
      it('should hand it on with an error naming the problem and the name its subject gives, and go on', async () => {
        const { stores, backend } = await scope.connect();
        const store = await stores.openObjectStore(await scope.objectStore(stores, backend));
        const files = new ObjectBucket(store.bucket, () => stores);
        const watch = await store.watch({ from: (await store.lastRevision()) + 1 });
        const seen = takeChanges(watch, 4);
        const subject = (name: string) => `$O.${store.bucket}.M.${Buffer.from(name).toString('base64url')}${'='.repeat((3 - (Buffer.byteLength(name) % 3)) % 3)}`;
        await backend.publish(subject('bad.json'), te.encode('{"name": "bad.json", '), { timeout: 5_000 });
        await backend.publish(subject('other'), te.encode(JSON.stringify({ name: 'not other', size: 1, chunks: 1, digest: 'x', mtime: new Date().toISOString() })), { timeout: 5_000 });
        await backend.publish(subject('sized'), te.encode(JSON.stringify({ name: 'sized', size: -1, chunks: 1, digest: 'x', mtime: new Date().toISOString() })), { timeout: 5_000 });
        await files.put('fine', 'fine');
        const changes = await seen;
        watch.stop();
        assert.deepEqual(changes.map((c) => [c.name, c.meta === undefined, c.error]), [
          ['bad.json', true, 'its metadata entry is not valid JSON (21 bytes)'],
          ['other', true, 'its metadata entry names another object than its subject does'],
          ['sized', true, "its metadata entry has a 'size' that is not a whole number >= 0"],
          ['fine', false, undefined],
        ]);
      });
    });
  });
}
