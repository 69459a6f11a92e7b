import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HTTP_OPTIONS, HttpServer } from '@panini/core/http';
import { startNatsServer, Test, waitUntil, type NatsServerHandle, type TestingApp } from '@panini/core/testing';
import { AppModule } from '../src/app.module.js';
import { AuditLog } from '../src/audit/audit.log.js';
import { SERVICE_CONFIG } from '../src/config/service-config.js';
import type { StockItem } from '../src/inventory/stock.js';
import type { OrderData } from '../src/orders/order.entity.js';
import { testConfig } from './support/test-config.js';

const order = { customer: { name: 'Ada', email: 'ada@example.com' }, lines: [{ sku: 'apple', quantity: 3 }] };

/** Two replicas of the whole service on one private nats-server, as docker-compose runs them. */
describe('the orders example on a real nats-server', () => {
  let nats: NatsServerHandle;
  let a: TestingApp;
  let b: TestingApp;
  let orderId: string;
  const replica = () => Test.createTestingModule({ imports: [AppModule] })
    .useTransport({ servers: nats.url })
    .withOptions({ name: 'orders-it' })
    .overrideProvider(HTTP_OPTIONS).useValue({ port: 0, host: '127.0.0.1' })
    .overrideProvider(SERVICE_CONFIG).useValue(testConfig({ pendingTimeoutMs: 60_000 }))
    .compile();
  const apples = (app: TestingApp) => app.request<StockItem>('inventory.apple.get');

  before(async () => {
    nats = await startNatsServer();
    a = await replica();
    b = await replica();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await nats?.dispose();
  });

  describe('when the service starts', () => {
    it('should log no warning: no two handlers could both answer one request', () => {
      for (const app of [a, b]) assert.deepEqual(app.logs!.lines('warn').map((l) => l.message), []);
    });
  });

  describe('when an order is created on one replica', () => {
    it('should be confirmed through inventory and readable from the other (state in JetStream KV)', async () => {
      const before = await apples(b);
      const created = await a.request<OrderData>('orders.create', order);
      orderId = created.id;
      assert.equal(created.status, 'pending');
      const confirmed = await waitUntil(async () => {
        const o = await b.request<OrderData>(`orders.${orderId}.get`);
        return o.status === 'confirmed' ? o : undefined;
      }, { timeout: 5000, what: 'the order to be confirmed' });
      assert.equal(confirmed.total, 1.5);
      assert.equal((await apples(a)).available, before.available - 3);
    });

    it('should have every replica record every event (queue: false)', async () => {
      for (const app of [a, b]) {
        await waitUntil(() => app.get(AuditLog).recent().some((e) => e.subject === `events.orders.${orderId}.confirmed`), { timeout: 5000, what: 'the confirmed event in the audit log' });
      }
    });
  });

  describe('when an id that cannot be a key arrives (`orders.<id>.get` typed literally)', () => {
    it('should answer 404 saying what an order id looks like, not a 500 from the KV store', async () => {
      await assert.rejects(a.request('orders.<id>.get'), { code: 404, message: /order "<id>" not found: order ids look like ord-/ });
      await assert.rejects(a.request('orders.<id>.cancel'), { code: 404, message: /order "<id>" not found/ });
    });
  });

  describe('when the order is cancelled', () => {
    it('should release its stock exactly once across replicas (durable consumer inventory)', async () => {
      const before = await apples(a);
      const cancelled = await b.request<OrderData>(`orders.${orderId}.cancel`);
      assert.equal(cancelled.status, 'cancelled');
      await waitUntil(async () => (await apples(a)).reserved === before.reserved - 3, { timeout: 5000, what: 'the stock to be released' });
      assert.equal((await apples(b)).available, before.available + 3);
    });
  });

  describe('when many requests arrive', () => {
    it('should share them between the replicas through the service queue group', async () => {
      for (let i = 0; i < 40; i++) await a.request('inventory.list');
      const handled = (app: TestingApp) => app.app.stats().find((s) => s.handler === 'InventoryController.list')!.handled;
      assert.equal(handled(a) + handled(b), 40);
      assert.ok(handled(a) > 0 && handled(b) > 0, `a handled ${handled(a)}, b handled ${handled(b)}`);
    });
  });

  describe('when the same providers are used over HTTP', () => {
    it('should serve the order without its storage revision, and report ready', async () => {
      const url = a.get(HttpServer).url;
      const res = await fetch(`${url}/orders/${orderId}`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body['id'], orderId);
      assert.equal('revision' in body, false);
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
    });

    it('should answer 400 with the failing paths for an invalid body', async () => {
      const res = await fetch(`${a.get(HttpServer).url}/orders`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customer: { name: 'Ada' }, lines: [] }),
      });
      assert.equal(res.status, 400);
      assert.match(JSON.stringify(await res.json()), /customer\.email/);
    });
  });
});
