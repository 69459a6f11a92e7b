// orders-stream.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Injectable, Module } from '../../../src/index.js';
import { JetStreamClient, JetStreamModule, WrongLastSequenceError } from '../../../src/jetstream/index.js';
import { Test } from '../../../src/testing/index.js';

@Injectable()
class OrdersPublisher {
  constructor(private readonly js: JetStreamClient) {}

  created(id: string) {
    return this.js.publish(`orders.${id}.created`, { id }, { msgId: `order-${id}-created` });
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [{ name: 'ORDERS', subjects: ['orders.>'], maxMsgsPerSubject: 1 }] })],
  providers: [OrdersPublisher],
})
class OrdersModule {}

describe('the ORDERS stream', () => {
  it('should store an order published twice with one msgId once', async () => {
    const app = await Test.createTestingModule({ imports: [OrdersModule] }).compile();
    const orders = app.get(OrdersPublisher);

    assert.deepEqual(await orders.created('42'), { stream: 'ORDERS', seq: 1, duplicate: false });
    assert.deepEqual(await orders.created('42'), { stream: 'ORDERS', seq: 1, duplicate: true });
    assert.equal(app.jetstream.streamInfo('ORDERS').state.messages, 1);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(app.jetstream.getMessage('ORDERS', 1).data)), { id: '42' });
    await app.close();
  });

  it('should refuse a publish whose expected last sequence is stale, as the server does', async () => {
    const app = await Test.createTestingModule({ imports: [OrdersModule] }).compile();
    const js = app.get(JetStreamClient);
    await js.publish('orders.1.created', { id: '1' });
    await js.publish('orders.2.created', { id: '2' });

    await assert.rejects(
      js.publish('orders.3.created', { id: '3' }, { expect: { lastSequence: 1 } }),
      (err) => WrongLastSequenceError.is(err) && err.current === 2,
    );
    await app.close();
  });
});
