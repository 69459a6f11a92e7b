import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JetStreamClient, JetStreamModule } from '@panini/core/jetstream';
import { startNatsServer, Test, waitUntil, type NatsServerHandle, type TestingApp } from '@panini/core/testing';
import { InventoryEventsModule } from '../../src/inventory/inventory-events.module.js';
import type { StockItem } from '../../src/inventory/stock.js';
import { ORDER_EVENTS } from '../../src/orders/order-events.stream.js';
import { STORAGE_BUCKETS } from '../../src/storage/storage.module.js';

/** Inventory's durable consumer of order events, on a private nats-server (state in JetStream KV). */
describe('OrderEventsController (durable consumer inventory on ORDER_EVENTS)', () => {
  let nats: NatsServerHandle;
  const inventory = () => Test.createTestingModule({ imports: [JetStreamModule.forRoot({ streams: [ORDER_EVENTS], buckets: STORAGE_BUCKETS }), InventoryEventsModule] })
    .useTransport({ servers: nats.url })
    .withOptions({ name: 'inventory-test' })
    .compile();
  /** Stands for the orders side: publishes to the stream and waits for its PubAck. */
  const publisher = () => Test.createTestingModule({ imports: [JetStreamModule.forRoot({ streams: [ORDER_EVENTS] })] })
    .useTransport({ servers: nats.url })
    .withOptions({ name: 'orders-test' })
    .compile();
  const pears = (app: TestingApp) => app.request<StockItem>('inventory.pear.get');
  const cancelled = (app: TestingApp) => app.app.stats().find((s) => s.handler === 'OrderEventsController.cancelled')?.handled ?? 0;

  before(async () => { nats = await startNatsServer(); });
  after(() => nats?.dispose());

  describe('when an order is cancelled twice', () => {
    it('should release what the order held, once', async () => {
      const app = await inventory();
      try {
        await app.request('inventory.reserve', { orderId: 'ord-4', lines: [{ sku: 'pear', quantity: 5 }] });
        const js = app.get(JetStreamClient);
        await js.publish('events.orders.ord-4.cancelled', { id: 'ord-4' });
        await js.publish('events.orders.ord-4.cancelled', { id: 'ord-4' });
        await waitUntil(() => cancelled(app) === 2, { timeout: 10_000, what: 'both events handled' });
        assert.deepEqual(await pears(app), { sku: 'pear', name: 'Pear', price: 0.75, available: 40, reserved: 0 });
      } finally {
        await app.close();
      }
    });
  });

  describe('when an order is cancelled while inventory is stopped', () => {
    it('should handle the event once inventory starts again, and release the stock', async () => {
      const first = await inventory();
      await first.request('inventory.reserve', { orderId: 'ord-5', lines: [{ sku: 'pear', quantity: 3 }] });
      assert.equal((await pears(first)).reserved, 3);
      await first.close();

      const orders = await publisher();
      try {
        const ack = await orders.get(JetStreamClient).publish('events.orders.ord-5.cancelled', { id: 'ord-5' }, { msgId: 'ord-5.cancelled' });
        assert.equal(ack.stream, ORDER_EVENTS.name);
      } finally {
        await orders.close();
      }

      const second = await inventory();
      try {
        await waitUntil(async () => (await pears(second)).reserved === 0, { timeout: 15_000, what: 'the stock held by ord-5 to be released' });
        assert.equal(cancelled(second), 1);
        assert.equal((await pears(second)).available, 40);
      } finally {
        await second.close();
      }
    });
  });
});
