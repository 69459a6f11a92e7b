import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Min } from 'class-validator';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { waitUntil } from '../../../src/testing/index.js';
import type { PaniniApplication } from '../../../src/index.js';
import { KvBucket } from '../../../src/jetstream/kv/kv-bucket.js';
import { KvError } from '../../../src/jetstream/kv/kv.errors.js';
import { kvBucketToken } from '../../../src/jetstream/kv/inject-bucket.decorator.js';
import { storesApp } from './stores-app.js';

class Cart {
  @IsString() owner!: string;
  @IsInt() @Min(0) items!: number;
}

describe('KvBucket on a nats-server', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  let carts: KvBucket<Cart>;
  let raw: KvBucket<unknown>;

  before(async () => {
    nats = await startNatsServer();
    app = await storesApp(nats.url, { buckets: [{ name: 'carts', history: 5, type: Cart }, { name: 'short', ttl: 1_000 }] });
    carts = app.get<KvBucket<Cart>>(kvBucketToken('carts'));
    raw = new KvBucket('carts', () => app.client.connection);
  });
  after(async () => {
    await app?.close();
    await nats?.dispose();
  });

  describe('when a key is created, read and updated with its revision', () => {
    it('should give growing revisions and the DTO instance back', async () => {
      const r1 = await carts.create('cart.1', { owner: 'ann', items: 1 });
      const e = await carts.get('cart.1');
      assert.ok(e);
      assert.ok(e.value instanceof Cart);
      assert.deepEqual({ ...e.value }, { owner: 'ann', items: 1 });
      assert.equal(e.revision, r1);
      const r2 = await carts.update('cart.1', { owner: 'ann', items: 2 }, r1);
      assert.ok(r2 > r1);
      assert.equal((await carts.get('cart.1'))?.value.items, 2);
    });
  });

  describe('when two writers update from the same revision', () => {
    it('should let the first win and fail the second with a conflict naming the key', async () => {
      const r = await carts.put('cart.2', { owner: 'bob', items: 0 });
      await carts.update('cart.2', { owner: 'bob', items: 1 }, r);
      const err = await carts.update('cart.2', { owner: 'bob', items: 9 }, r).catch((e: unknown) => e);
      assert.ok(KvError.is(err, 'conflict'), String(err));
      assert.equal(err.key, 'cart.2');
      assert.equal(err.expected, r);
      assert.equal((await carts.get('cart.2'))?.value.items, 1);
    });

    it('should refuse create on a key that has a value, and allow it again after a delete', async () => {
      await carts.put('cart.3', { owner: 'cy', items: 0 });
      const err = await carts.create('cart.3', { owner: 'cy', items: 1 }).catch((e: unknown) => e);
      assert.ok(KvError.is(err, 'conflict'));
      await carts.delete('cart.3');
      assert.equal(await carts.get('cart.3'), undefined);
      await carts.create('cart.3', { owner: 'cy', items: 2 });
      assert.equal((await carts.get('cart.3'))?.value.items, 2);
    });

    it('should refuse a delete expecting a stale revision', async () => {
      const r = await carts.put('cart.4', { owner: 'di', items: 0 });
      await carts.put('cart.4', { owner: 'di', items: 1 });
      await assert.rejects(carts.delete('cart.4', { revision: r }), (e: unknown) => KvError.is(e, 'conflict'));
      assert.equal((await carts.get('cart.4'))?.value.items, 1);
    });
  });

  describe('when a key has several revisions', () => {
    it('should list them oldest first, deletes included, up to the history kept', async () => {
      for (let i = 0; i < 7; i++) await carts.put('cart.h', { owner: 'eve', items: i });
      await carts.delete('cart.h');
      const h = await carts.history('cart.h');
      assert.equal(h.length, 5);
      assert.deepEqual(h.map((c) => c.operation), ['put', 'put', 'put', 'put', 'delete']);
      assert.deepEqual(h.slice(0, 4).map((c) => c.value?.items), [3, 4, 5, 6]);
      assert.ok(h.every((c, i) => i === 0 || c.revision > h[i - 1]!.revision));
    });

    it('should keep only the last one after a purge', async () => {
      await carts.put('cart.p', { owner: 'fay', items: 1 });
      await carts.put('cart.p', { owner: 'fay', items: 2 });
      await carts.purge('cart.p');
      const h = await carts.history('cart.p');
      assert.deepEqual(h.map((c) => c.operation), ['purge']);
    });
  });

  describe('when keys are listed with a filter', () => {
    it('should give the keys with a value that match it', async () => {
      await carts.put('shop.a.x', { owner: 'a', items: 0 });
      await carts.put('shop.a.y', { owner: 'a', items: 0 });
      await carts.put('shop.b.x', { owner: 'b', items: 0 });
      await carts.put('shop.a.z', { owner: 'a', items: 0 });
      await carts.delete('shop.a.z');
      const keys: string[] = [];
      for await (const k of carts.keys('shop.a.*')) keys.push(k);
      assert.deepEqual(keys.sort(), ['shop.a.x', 'shop.a.y']);
    });
  });

  describe('when a stored value does not fit the DTO or is not JSON', () => {
    it('should fail the read with an invalid-value error naming the key', async () => {
      await raw.put('cart.bad', { owner: 7 });
      const err = await carts.get('cart.bad').catch((e: unknown) => e);
      assert.ok(KvError.is(err, 'invalid-value'), String(err));
      assert.equal(err.key, 'cart.bad');
      assert.match(err.message, /cart\.bad/);
      const kv = await carts.raw();
      await kv.put('cart.garbage', new TextEncoder().encode('{not json'));
      await assert.rejects(carts.get('cart.garbage'), (e: unknown) => KvError.is(e, 'invalid-value') && e.key === 'cart.garbage');
      // the other keys are still readable
      assert.equal((await carts.get('cart.1'))?.value.owner, 'ann');
    });
  });

  describe('when a key is not a valid KV key', () => {
    it('should fail with an invalid-key error', async () => {
      for (const key of ['', '.a', 'a.', 'a b', 'a*']) {
        await assert.rejects(carts.put(key, { owner: 'x', items: 0 }), (e: unknown) => KvError.is(e, 'invalid-key'), key);
      }
    });
  });

  describe('when the bucket has a TTL', () => {
    it('should stop returning a value once it expired', async () => {
      const short = app.get<KvBucket>(kvBucketToken('short'));
      await short.put('k', 'v');
      assert.equal((await short.get('k'))?.value, 'v');
      await waitUntil(async () => (await short.get('k')) === undefined, { what: 'the value to expire', timeout: 15_000 });
    });
  });
});
