import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, Module, Payload } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

const calls: Array<{ n: number; deliveryCount: number; at: number }> = [];
const first: number[] = [];

@Controller()
class Manual {
  @Consume('MANUAL', { durable: 'manual', filterSubject: 'manual.by-hand', maxDeliver: 5 })
  byHand(@Payload() e: { n: number }, @Ctx() ctx: JetStreamContext) {
    calls.push({ n: e.n, deliveryCount: ctx.deliveryCount, at: Date.now() });
    if (e.n === 1 && ctx.deliveryCount === 1) return ctx.nak(400);
    if (e.n === 2) {
      ctx.term('not for us');
      throw new Error('after term: not dead-lettered, not redelivered');
    }
  }

  @Consume('MANUAL', { durable: 'first', filterSubject: 'manual.first', ack: 'first' })
  ackFirst(@Payload() e: { n: number }) {
    first.push(e.n);
    throw new Error('lost: acked before the handler ran');
  }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'MANUAL', subjects: ['manual.>'] }] })], controllers: [Manual] })
class M {}

describe('manual acknowledgement and ack-first (nats-server with file storage)', () => {
  let js: JsServer;
  let t: TestApp;
  const publish = (subject: string, n: number) => js.nc.request(subject, JSON.stringify({ n }), { timeout: 5000 });
  const settled = (name: string) => waitUntil(async () => { const i = await js.jsm.consumers.info('MANUAL', name); return i.num_pending === 0 && i.num_ack_pending === 0 ? i : undefined; }, { timeout: 15_000, what: `${name} settled` });

  before(async () => {
    js = await startJetStream();
    t = await startApp(M, js.server.url);
  });
  after(async () => {
    await t?.app.close();
    await js?.dispose();
  });

  describe('when a handler naks with a delay, or terminates, through its context', () => {
    it('should redeliver the nak\'ed message after the delay, and never the terminated one', async () => {
      await publish('manual.by-hand', 1);
      await publish('manual.by-hand', 2);
      await waitUntil(() => calls.filter((c) => c.n === 1).length === 2, { timeout: 15_000, what: 'the redelivery' });
      await settled('manual');
      const one = calls.filter((c) => c.n === 1);
      assert.deepEqual(one.map((c) => c.deliveryCount), [1, 2]);
      assert.ok(one[1]!.at - one[0]!.at >= 400 - 20, `redelivered after ${one[1]!.at - one[0]!.at} ms`);
      assert.deepEqual(calls.filter((c) => c.n === 2).map((c) => c.deliveryCount), [1]);
      assert.equal(await js.jsm.streams.info('MANUAL_DLQ').then((i) => i.state.messages), 0);
    });
  });

  describe('when an ack-first handler throws', () => {
    it('should not get the message again (at most once)', async () => {
      await publish('manual.first', 7);
      await waitUntil(() => first.length === 1, { timeout: 10_000 });
      const info = await settled('first');
      assert.equal(info.num_redelivered, 0);
      assert.deepEqual(first, [7]);
    });
  });
});
