// payments.consumer.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import { JetStreamClient } from '../../../src/jetstream/index.js';
import { startNatsServer, waitUntil, type NatsServerHandle } from '../../../src/testing/index.js';
import { Ledger, PaymentsModule } from './payments.consumer.js';

let nats: NatsServerHandle;
let app: PaniniApplication;
before(async () => {
  nats = await startNatsServer();
  app = await PaniniFactory.create(PaymentsModule, { name: 'ledger', servers: nats.url, logging: { silent: true }, handleSignals: false });
  await app.start();
});
after(async () => {
  await app.close();
  await nats.dispose();
});

test('a payment whose ack was lost is delivered again and credited once', async () => {
  const ledger = app.get(Ledger);
  const credit = ledger.credit.bind(ledger);
  let calls = 0;
  // the first delivery writes its effect, then fails before the ack: a crash at the worst moment
  ledger.credit = (id, cents) => {
    credit(id, cents);
    if (++calls === 1) throw new Error('connection lost after the write');
  };
  await app.get(JetStreamClient).publish('payments.received', { orderId: '42', cents: 1250 }, { msgId: 'payment-42' });
  await waitUntil(() => calls === 2, { timeout: 10_000, what: 'the redelivery' });
  assert.equal(ledger.balanceCents, 1250);
  assert.deepEqual([...ledger.applied], ['payment-42']);
});
