import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import { startNatsCluster, waitUntil, type NatsClusterHandle } from '../../../src/testing/index.js';
import { OrderBook, orderBody, orderId } from './order-book.js';
import { ordersConsumerModule } from './orders-consumer.module.js';
import { publishWithRetry } from './publish-with-retry.js';

const COUNT = 5_000;
const KILL_AT = 1_000;
const STREAM = 'CLUSTERED';

describe('a @Consume handler on a three-node cluster, with a stream of three replicas', () => {
  let cluster: NatsClusterHandle;
  let nc: NatsConnection;
  let app: PaniniApplication;
  const book = new OrderBook(false);

  before(async () => {
    cluster = await startNatsCluster(3);
    app = await PaniniFactory.create(ordersConsumerModule({ stream: STREAM, replicas: 3, book }), {
      name: 'clustered', servers: cluster.servers, logging: { silent: true }, handleSignals: false, reconnectTimeWait: 250,
    });
    await app.start();
    nc = await connect({ servers: cluster.servers, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  });
  after(async () => {
    await app?.close();
    await nc?.close();
    await cluster?.dispose();
  });

  describe("when the stream leader's node is killed with SIGKILL during consumption", () => {
    it('should lose nothing and go on consuming from the new leader, without a restart of the service', async (t) => {
      const jsm = await jetstreamManager(nc);
      // the JetStream API may not answer while a leader is being elected: ask again until it does
      const streamInfo = () => waitUntil(() => jsm.streams.info(STREAM).catch(() => undefined), { timeout: 30_000, what: `stream info of ${STREAM}` });
      const info = await streamInfo();
      assert.equal(info.config.num_replicas, 3);
      const publishing = publishWithRetry(jetstream(nc), 'clustered.orders', COUNT, orderId, orderBody);
      await waitUntil(() => book.ledger.distinct >= KILL_AT, { timeout: 60_000, what: `${KILL_AT} orders handled` });
      const leader = (await streamInfo()).cluster?.leader;
      assert.ok(leader, 'the stream should have a leader');
      const handledAtKill = book.ledger.distinct;
      await cluster.node(leader).kill();
      const published = await publishing;
      await waitUntil(() => book.ledger.distinct >= COUNT, { timeout: 90_000, what: `all ${COUNT} orders handled (${book.ledger.summary()})` });
      const after = await waitUntil(async () => {
        const i = await streamInfo();
        return i.cluster?.leader ? i : undefined;
      }, { timeout: 30_000, what: 'a stream leader' });
      t.diagnostic(`cluster test: SIGKILL of stream leader ${leader} after ${handledAtKill} of ${COUNT} orders handled; new leader ${after.cluster?.leader}; ` +
        `${book.ledger.summary()}; publisher: ${published.retries} retries, ${published.deduplicated} deduplicated by msgId`);
      assert.deepEqual(book.ledger.missing(Array.from({ length: COUNT }, (_, i) => orderId(i))), []);
      assert.notEqual(after.cluster?.leader, leader);
      assert.equal(after.state.messages, COUNT);
      // the same app instance handled orders after the kill: the service went on by itself
      assert.ok(book.ledger.distinct > handledAtKill);
    });
  });
});
