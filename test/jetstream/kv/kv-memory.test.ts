import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, Min } from 'class-validator';
import { Controller, Ctx, Injectable, ManualClock, MessageContext, Module, Param, Payload } from '../../../src/index.js';
import {
  InjectBucket, InjectObjectStore, JETSTREAM_BACKEND, JetStreamModule, KvBucket, KvError, KvWatch, ObjectBucket, kvBucketToken, kvChangeOf,
  objectStoreToken, type KvChangeInfo,
} from '../../../src/jetstream/index.js';
import { MemoryBroker, MemoryTransport, Test, waitUntil, type TestingApp } from '../../../src/testing/index.js';

type Seen = Pick<KvChangeInfo, 'key' | 'operation' | 'initial'> & { value: unknown };

class Stock {
  @IsInt() @Min(0) qty!: number;
}

@Injectable()
class Inventory {
  constructor(@InjectBucket('stock') readonly stock: KvBucket<Stock>, @InjectObjectStore('labels') readonly labels: ObjectBucket) {}
}

/** An app with the 'stock' bucket (history 5, TTL 60 s, typed) and the 'labels' object store, on `broker`. */
async function inventoryApp(broker: MemoryBroker, clock: ManualClock, seen: Seen[] = [], skus: string[] = []): Promise<TestingApp> {
  @Controller()
  class Watchers {
    @KvWatch('stock', 'sku.>', { initial: true })
    all(@Payload() value: Stock | undefined, @Ctx() ctx: MessageContext) {
      const c = kvChangeOf(ctx)!;
      seen.push({ key: c.key, operation: c.operation, initial: c.initial, value: value === undefined ? undefined : { ...value } });
    }

    @KvWatch('stock', 'sku.{sku}', { operations: ['put'] })
    sku(@Param('sku') sku: string) {
      skus.push(sku);
    }
  }
  @Module({
    imports: [JetStreamModule.forRoot({ streams: [], buckets: [{ name: 'stock', history: 5, ttl: 60_000, type: Stock }], objectStores: [{ name: 'labels' }] })],
    controllers: [Watchers],
    providers: [Inventory],
  })
  class InventoryModule {}
  return Test.createTestingModule({ imports: [InventoryModule] }).useTransport(new MemoryTransport({ broker })).withOptions({ scheduler: { clock } }).compile();
}

/** The stores of a second connection to `broker` (closed with the broker's last user). */
async function storesOn(broker: MemoryBroker) {
  const t = new MemoryTransport({ broker });
  await t.connect();
  return t[JETSTREAM_BACKEND]().stores!();
}

function setup() {
  const clock = new ManualClock();
  return { clock, broker: new MemoryBroker({ clock }) };
}

describe('KV buckets, watches and object stores in the testing kit', () => {
  describe('when an app declares buckets and object stores on the memory broker', () => {
    it('should create them at start-up with their declaration and inject working handles', async () => {
      const { broker, clock } = setup();
      const app = await inventoryApp(broker, clock);
      try {
        const { config } = broker.jetstream.streamInfo('KV_stock');
        assert.deepEqual({ history: config.max_msgs_per_subject, ttl: config.max_age }, { history: 5, ttl: 60_000 * 1_000_000 });
        const { stock, labels } = app.get(Inventory);
        assert.equal(app.get(kvBucketToken('stock')), stock);
        assert.equal(app.get(objectStoreToken('labels')), labels);
        const r = await stock.create('sku.1', { qty: 2 });
        const e = await stock.get('sku.1');
        assert.ok(e?.value instanceof Stock);
        assert.equal(e.revision, r);
        await labels.put('sku.1.png', 'png bytes');
        assert.equal((await labels.info('sku.1.png'))?.size, 9);
      } finally {
        await app.close();
      }
    });
  });

  describe('when keys change while the app runs', () => {
    it('should hand every put and delete to the @KvWatch handlers in order, the key read as a @Param', async () => {
      const { broker, clock } = setup();
      const seen: Seen[] = [];
      const skus: string[] = [];
      const app = await inventoryApp(broker, clock, seen, skus);
      try {
        const { stock } = app.get(Inventory);
        await stock.put('sku.a', { qty: 1 });
        await stock.put('sku.b', { qty: 2 });
        await stock.delete('sku.a');
        await stock.purge('sku.b');
        await waitUntil(() => seen.length === 4 && skus.length === 2, { what: 'four changes' });
        assert.deepEqual(seen.map((s) => [s.key, s.operation, s.initial, s.value]), [
          ['sku.a', 'put', false, { qty: 1 }],
          ['sku.b', 'put', false, { qty: 2 }],
          ['sku.a', 'delete', false, undefined],
          ['sku.b', 'purge', false, undefined],
        ]);
        assert.deepEqual(skus, ['a', 'b']);
      } finally {
        await app.close();
      }
    });
  });

  describe('when the bucket has values before the app starts', () => {
    it('should deliver the current values first as initial, deleted keys left out, then the changes', async () => {
      const { broker, clock } = setup();
      const writer = await inventoryApp(broker, clock);
      const seen: Seen[] = [];
      let reader: TestingApp | undefined;
      try {
        const { stock } = writer.get(Inventory);
        await stock.put('sku.a', { qty: 1 });
        await stock.put('sku.b', { qty: 2 });
        await stock.put('sku.a', { qty: 3 });
        await stock.delete('sku.b');
        reader = await inventoryApp(broker, clock, seen);
        await waitUntil(() => seen.length === 1, { what: 'the initial value' });
        await stock.put('sku.c', { qty: 4 });
        await waitUntil(() => seen.length === 2, { what: 'the change after the initial value' });
        assert.deepEqual(seen.map((s) => [s.key, s.operation, s.initial, s.value]), [
          ['sku.a', 'put', true, { qty: 3 }],
          ['sku.c', 'put', false, { qty: 4 }],
        ]);
      } finally {
        await reader?.close();
        await writer.close();
      }
    });
  });

  describe('when a bucket\'s TTL passes on the testing clock', () => {
    it('should forget the value at the TTL, not before, without waiting in real time', async () => {
      const { broker, clock } = setup();
      const app = await inventoryApp(broker, clock);
      try {
        const { stock } = app.get(Inventory);
        await stock.put('sku.t', { qty: 1 });
        await clock.advance(59_999);
        assert.equal((await stock.get('sku.t'))?.value.qty, 1);
        await clock.advance(1);
        assert.equal(await stock.get('sku.t'), undefined);
      } finally {
        await app.close();
      }
    });
  });

  describe('when a declaration does not match what the broker has', () => {
    it('should refuse to start with the KvError the server would give: the field named, or the missing store', async () => {
      const { broker, clock } = setup();
      const stores = await storesOn(broker);
      await stores.ensureBucket({ name: 'fixed', storage: 'file' });
      @Module({ imports: [JetStreamModule.forRoot({ streams: [], buckets: [{ name: 'fixed', storage: 'memory' }] })] })
      class Fixed {}
      const err = await Test.createTestingModule({ imports: [Fixed] }).useTransport(new MemoryTransport({ broker })).withOptions({ scheduler: { clock } }).compile().catch((e: unknown) => e);
      assert.ok(KvError.is(err, 'declaration'), String(err));
      assert.equal(err.field, 'storage');
      @Module({ imports: [JetStreamModule.forRoot({ streams: [], objectStores: [{ name: 'elsewhere', declare: false }] })] })
      class Elsewhere {}
      const missing = await Test.createTestingModule({ imports: [Elsewhere] }).useTransport(new MemoryTransport({ broker })).compile().catch((e: unknown) => e);
      assert.ok(KvError.is(missing, 'missing'), String(missing));
      assert.match(missing.message, /nats object add elsewhere/);
    });

    it('should apply a changed history to the existing bucket', async () => {
      const { broker } = setup();
      const stores = await storesOn(broker);
      assert.deepEqual(await stores.ensureBucket({ name: 'grow', history: 2 }), { action: 'created' });
      assert.deepEqual(await stores.ensureBucket({ name: 'grow', history: 2 }), { action: 'unchanged' });
      assert.deepEqual(await stores.ensureBucket({ name: 'grow', history: 4 }), { action: 'updated', fields: ['history'] });
      assert.equal(broker.jetstream.streamInfo('KV_grow').config.max_msgs_per_subject, 4);
    });
  });

  describe('when an object\'s chunk is gone from the store', () => {
    it('should fail the read of its content with a corrupt-object error naming the object', async () => {
      const { broker } = setup();
      const stores = await storesOn(broker);
      await stores.ensureObjectStore({ name: 'files' });
      const files = new ObjectBucket('files', () => stores);
      await files.put('big', new Uint8Array(100).fill(1), { chunkSize: 10 });
      const chunk = broker.jetstream.streamInfo('OBJ_files').state.first_seq + 3;
      broker.jetstream.deleteMessage('OBJ_files', chunk);
      const found = await files.get('big');
      assert.ok(found);
      const read = (async () => { for await (const _ of found.data as unknown as AsyncIterable<Uint8Array>) { /* drain */ } })();
      await assert.rejects(read, (e: unknown) => KvError.is(e, 'corrupt-object') && e.key === 'big');
    });
  });

  describe('when an object store\'s TTL passes on the testing clock', () => {
    it('should forget the object and its content', async () => {
      const { broker, clock } = setup();
      const stores = await storesOn(broker);
      await stores.ensureObjectStore({ name: 'exports', ttl: 3_600_000 });
      const files = new ObjectBucket('exports', () => stores);
      await files.put('daily.csv', 'a,b\n1,2\n', { chunkSize: 4 });
      await clock.advance(3_599_999);
      assert.equal((await files.info('daily.csv'))?.size, 8);
      await clock.advance(1);
      assert.equal(await files.info('daily.csv'), undefined);
      assert.deepEqual(await files.list(), []);
      assert.equal(broker.jetstream.streamInfo('OBJ_exports').state.messages, 0);
    });
  });

  describe('when a stored value does not fit the DTO', () => {
    it('should fail the read with an invalid-value error naming the key', async () => {
      const { broker, clock } = setup();
      const app = await inventoryApp(broker, clock);
      const other = new MemoryTransport({ broker });
      try {
        await other.connect();
        const raw = new KvBucket<unknown>('stock', () => other[JETSTREAM_BACKEND]().stores!());
        await raw.put('sku.bad', { qty: -1 });
        await assert.rejects(app.get(Inventory).stock.get('sku.bad'), (e: unknown) => KvError.is(e, 'invalid-value') && e.key === 'sku.bad' && /sku\.bad/.test(e.message));
      } finally {
        await other.close();
        await app.close();
      }
    });
  });
});
