import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, waitUntil, type NatsServerHandle } from '../../../src/testing/index.js';
import { OrderBook, orderBody, orderId } from './order-book.js';
import { ordersConsumerModule } from './orders-consumer.module.js';
import { publishWithRetry } from './publish-with-retry.js';

const STREAM = 'RECOVERY';
const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, k) => orderId(from + k));

describe('a @Consume handler whose consumer Panini declared', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let app: PaniniApplication;
  const book = new OrderBook(false);
  const publish = (from: number, to: number) =>
    publishWithRetry(jetstream(nc), 'recovery.orders', to - from, (k) => orderId(from + k), (k) => orderBody(from + k));

  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create(ordersConsumerModule({ stream: STREAM, book }), {
      name: 'recovery', servers: nats.url, logging: { silent: true }, handleSignals: false, reconnectTimeWait: 250,
    });
    await app.start();
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  });
  after(async () => {
    await app?.close();
    await nc?.close();
    await nats?.dispose();
  });

  describe('when an operator deletes the consumer while the service runs', () => {
    it('should recreate it and go on consuming', async (t) => {
      await publish(0, 500);
      await waitUntil(() => book.ledger.distinct >= 500, { timeout: 30_000, what: 'the first 500 orders handled' });
      const jsm = await jetstreamManager(nc);
      // nats-server 2.9 can refuse to delete a consumer while it writes its state ('unlinkat ...
      // directory not empty'): delete it once its acks are in, as an operator would
      await waitUntil(async () => (await jsm.consumers.info(STREAM, 'orders')).num_ack_pending === 0, { timeout: 10_000, what: 'the first 500 acks' });
      assert.equal(await jsm.consumers.delete(STREAM, 'orders'), true);
      await publish(500, 1000);
      await waitUntil(() => book.ledger.distinct >= 1000, { timeout: 60_000, what: `the 500 orders published after the deletion (${book.ledger.summary()})` });
      const info = await jsm.consumers.info(STREAM, 'orders');
      t.diagnostic(`consumer deleted: ${book.ledger.summary()} (a recreated consumer delivers what the stream still holds again)`);
      assert.equal(info.name, 'orders');
      assert.deepEqual(book.ledger.missing(ids(0, 1000)), []);
    });
  });

  describe('when the broker is restarted (SIGTERM) during consumption', () => {
    it('should resume consuming once it is back, nothing lost', async (t) => {
      const publishing = publish(1000, 6000);
      await waitUntil(() => book.ledger.distinct >= 2000, { timeout: 60_000, what: 'consumption under way' });
      const before = book.ledger.distinct;
      await nats.restart();
      await publishing;
      await waitUntil(() => book.ledger.distinct >= 6000, { timeout: 90_000, what: `every order handled after the restart (${book.ledger.summary()})` });
      t.diagnostic(`broker restart after ${before} orders handled: ${book.ledger.summary()}`);
      assert.deepEqual(book.ledger.missing(ids(0, 6000)), []);
    });
  });
});
