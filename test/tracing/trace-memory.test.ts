import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HttpModule, HttpServer } from '../../src/http/index.js';
import { MemoryBroker, MemoryTransport, Test, type TestingApp } from '../../src/testing/index.js';
import { TracingModule } from '../../src/tracing/index.js';
import { assertFailedOrder, assertOrderTrace, installOtelGlobals, OrdersModule, postOrder, Shipping, ShippingModule, StockModule } from './support.js';

describe('one trace across HTTP and three services on the memory broker', () => {
  const { provider, exporter } = installOtelGlobals();
  const broker = new MemoryBroker();
  const apps: TestingApp[] = [];
  const service = (name: string, imports: unknown[]) => Test.createTestingModule({ imports: [TracingModule.forRoot({ tracerProvider: provider }), ...imports] as never })
    .withOptions({ name })
    .useTransport(new MemoryTransport({ broker }))
    .compile();
  let orders: TestingApp;

  before(async () => {
    orders = await service('orders', [HttpModule.forRoot({ port: 0, host: '127.0.0.1' }), OrdersModule]);
    apps.push(orders, await service('stock', [StockModule]), await service('shipping', [ShippingModule]));
  });
  after(async () => {
    for (const app of apps) await app.close();
  });
  beforeEach(() => exporter.reset());

  describe('when an HTTP request with a traceparent reaches service A', () => {
    it('should continue the caller trace through the request to B and the event to C', async () => {
      const res = await postOrder(orders.get(HttpServer).url, 2);
      assert.deepEqual(await res.json(), { reserved: 2 });
      await assertOrderTrace(exporter);
      assert.deepEqual(apps[2]!.get(Shipping).seen, [2]);
    });
  });

  describe('when service B answers an error', () => {
    it('should mark the request and the handler span as errors with the code', async () => {
      const res = await postOrder(orders.get(HttpServer).url, 99);
      assert.equal(res.status, 409);
      await assertFailedOrder(exporter);
    });
  });
});
