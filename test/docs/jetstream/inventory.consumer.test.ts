// inventory.consumer.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, waitUntil, type NatsServerHandle } from '../../../src/testing/index.js';
import { OrdersModule } from './orders.module.js';
import { Stock } from './inventory.consumer.js';
import { OrdersService } from './orders.service.js';

let nats: NatsServerHandle;
let app: PaniniApplication;
before(async () => {
  nats = await startNatsServer(); // a private nats-server -js on a free port
  app = await PaniniFactory.create(OrdersModule, { name: 'inventory', servers: nats.url, logging: { silent: true }, handleSignals: false });
  await app.start();
});
after(async () => {
  await app.close();
  await nats.dispose();
});

test('an order created is reserved once, even when published twice', async () => {
  const orders = app.get(OrdersService);
  const seq = await orders.created('42', 'apple', 3);
  assert.equal(await orders.created('42', 'apple', 3), seq);
  await waitUntil(() => app.get(Stock).reserved.get('42'), { timeout: 10_000 });
  assert.equal(app.get(Stock).reserved.get('42'), 3);
});

test('a quantity change based on a stale read is refused', async () => {
  const orders = app.get(OrdersService);
  const first = await orders.setQuantity('7', 1, 0);
  assert.ok(first !== undefined);
  assert.equal(await orders.setQuantity('7', 2, 0), undefined); // someone changed it since we read 0
  assert.ok((await orders.setQuantity('7', 2, first)) !== undefined);
});
