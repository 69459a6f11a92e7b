import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError, stringCodec } from '../../../src/index.js';
import { Test } from '../../../src/testing/index.js';
import { OrdersModule } from './orders.controller.js';

// Nest: Test.createTestingModule({ imports: [OrdersModule] }).compile(), then app.connectMicroservice(...)
describe('the coming-from-NestJS guide', () => {
  it('should answer a request with the bare JSON body, publish the event, and refuse an invalid DTO with 400', async () => {
    const app = await Test.createTestingModule({ imports: [OrdersModule] }).compile();
    try {
      // the reply is the bare JSON: no { err, response, isDisposed, id } wrapper around it
      assert.equal(await app.request('orders.create', { sku: 'ab', qty: 2 }, { replyCodec: stringCodec }), '{"id":"o-1","sku":"ab","qty":2}');
      const event = await app.traffic.waitFor('orders.created');
      assert.deepEqual(event.data, { id: 'o-1', sku: 'ab', qty: 2 });
      await assert.rejects(app.request('orders.create', { sku: 'ab', qty: 0 }), (e: unknown) => e instanceof RemoteError && e.code === 400);
    } finally {
      await app.close();
    }
  });
});
