// orders-http.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Test } from '../../../src/testing/index.js';
import { HttpModule, HttpServer } from '../../../src/http/index.js';
import { OrdersController, OrdersHttpController, OrdersService } from './orders-http.js';

test('an order created over HTTP can be read over NATS', async () => {
  const app = await Test.createTestingModule({
    imports: [HttpModule.forRoot({ port: 0, host: '127.0.0.1' })],
    controllers: [OrdersController, OrdersHttpController],
    providers: [OrdersService],
  }).compile();
  const url = app.get(HttpServer).url;
  const res = await fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'bolt', qty: 2 }) });
  assert.equal(res.status, 201);
  assert.deepEqual(await app.request('orders.get', { id: '1' }), { id: '1', sku: 'bolt', qty: 2 });
  await app.close();
});
