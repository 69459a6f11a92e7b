import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { PaniniFactory } from '../../../src/index.js';
import { startNatsServer, waitUntil } from '../../../src/testing/index.js';
import { OrderBook, orderBody, orderId, totalOf } from './order-book.js';
import { ordersConsumerModule } from './orders-consumer.module.js';
import { publishWithRetry, type PublishReport } from './publish-with-retry.js';

const COUNT = 20_000;
/** The broker is killed once this many distinct messages were handled: in the middle of consumption. */
const KILL_AT = 5_000;
const STREAM = 'CRASH';

interface CrashResult { book: OrderBook; published: PublishReport; handledAtKill: number; stored: number; seconds: number }

/**
 * One crash run: 20,000 orders published with a msgId each to a file-storage stream, a Panini
 * `@Consume` handler reading them, the nats-server killed with SIGKILL in the middle and started
 * again on the same port and store. Resolves once every order was handled and acked.
 */
async function crashRun(idempotent: boolean): Promise<CrashResult> {
  const started = Date.now();
  const nats = await startNatsServer();
  const book = new OrderBook(idempotent);
  const app = await PaniniFactory.create(ordersConsumerModule({ stream: STREAM, book }), {
    name: 'crash', servers: nats.url, logging: { silent: true }, handleSignals: false, reconnectTimeWait: 250,
  });
  const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  try {
    await app.start();
    const publishing = publishWithRetry(jetstream(nc), 'crash.orders', COUNT, orderId, orderBody);
    await waitUntil(() => book.ledger.distinct >= KILL_AT, { timeout: 60_000, what: `${KILL_AT} orders handled before the crash` });
    const handledAtKill = book.ledger.distinct;
    await nats.kill();
    await nats.restart();
    const published = await publishing;
    await waitUntil(() => book.ledger.distinct >= COUNT, { timeout: 90_000, what: `all ${COUNT} orders handled (${book.ledger.summary()})` });
    const jsm = await jetstreamManager(nc);
    // every message acked: nothing pending at the server, nothing left to deliver
    await waitUntil(async () => {
      const { num_ack_pending, num_pending } = await jsm.consumers.info(STREAM, 'orders');
      return num_ack_pending === 0 && num_pending === 0;
    }, { timeout: 30_000, what: 'the consumer to have every message acked' });
    const stored = (await jsm.streams.info(STREAM)).state.messages;
    return { book, published, handledAtKill, stored, seconds: (Date.now() - started) / 1000 };
  } finally {
    await app.close();
    await nc.close();
    await nats.dispose();
  }
}

function report(t: TestContext, what: string, r: CrashResult): void {
  const { ledger } = r.book;
  t.diagnostic(`crash test (${what}): SIGKILL after ${r.handledAtKill} of ${COUNT} orders handled; ${ledger.summary()}; ` +
    `${r.book.effects} effects applied; publisher: ${r.published.retries} retries, ${r.published.deduplicated} deduplicated by msgId; ` +
    `${r.stored} messages in the stream; ${r.seconds.toFixed(1)} s`);
}

const allIds = (): string[] => Array.from({ length: COUNT }, (_, i) => orderId(i));

describe('a @Consume handler when the nats-server is killed with SIGKILL mid-consumption', () => {
  describe('and started again on the same port and store', () => {
    it('should handle every one of 20,000 orders at least once, none lost, and count the duplicates', async (t) => {
      const r = await crashRun(false);
      report(t, 'at-least-once', r);
      assert.deepEqual(r.book.ledger.missing(allIds()), [], 'orders never handled');
      assert.equal(r.book.ledger.distinct, COUNT);
      assert.equal(r.stored, COUNT, 'the stream should hold each order once (publish retries deduplicated by msgId)');
      // without idempotence, every duplicate delivery applied its effect again
      assert.equal(r.book.effects, r.book.ledger.deliveries);
    });
  });

  describe('and the handler is idempotent, keyed on the msgId', () => {
    it('should apply the effect of each order exactly once', async (t) => {
      const r = await crashRun(true);
      report(t, 'idempotent handler', r);
      assert.deepEqual(r.book.ledger.missing(allIds()), []);
      assert.ok(r.book.ledger.deliveries >= COUNT);
      assert.equal(r.book.effects, COUNT);
      assert.equal(r.book.totalCents, totalOf(COUNT));
    });
  });
});
