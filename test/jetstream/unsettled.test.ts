import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstream } from '@nats-io/jetstream';
import { Controller, Ctx, Module } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, DEAD_LETTER_HEADERS as H, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { header, startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

const handled: Array<{ seq: number; deliveryCount: number }> = [];

@Controller()
class JobsController {
  @Consume('JOBS', { durable: 'work', filterSubject: 'jobs.>', maxDeliver: 2, ackWait: 1000 })
  work(@Ctx() ctx: JetStreamContext) {
    handled.push({ seq: ctx.streamSequence, deliveryCount: ctx.deliveryCount });
  }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'JOBS', subjects: ['jobs.>'] }] })], controllers: [JobsController] })
class AppModule {}

describe('a delivery that is never settled (the process stopped mid-handler)', () => {
  let js: JsServer;
  let t: TestApp | undefined;

  before(async () => {
    js = await startJetStream();
    // the first start declares the consumer; nothing to consume yet
    const first = await startApp(AppModule, js.server.url);
    await first.app.close();
  });
  after(async () => {
    await t?.app.close();
    await js?.dispose();
  });

  describe('when the last of maxDeliver deliveries is taken and never acked, nak\'ed or terminated', () => {
    it('should dead-letter the message on the next delivery without running the handler again, and go on with the next message', async () => {
      const info = await js.jsm.consumers.info('JOBS', 'work');
      // the server redelivers without limit: Panini counts, so the server never drops a message silently
      assert.equal(info.config.max_deliver, -1);

      const seq = (await js.jsm.streams.info('JOBS')).state.last_seq + 1;
      const ack = await jetstream(js.nc).publish('jobs.resize', JSON.stringify({ image: 7 }), { msgID: 'job-7' });
      assert.equal(ack.seq, seq);
      // two processes each took a delivery and died before settling it: a raw client pulls and walks away
      const consumer = await jetstream(js.nc).consumers.get('JOBS', 'work');
      for (const want of [1, 2]) {
        const m = await consumer.next({ expires: 10_000 });
        assert.equal(m?.info.deliveryCount, want);
      }

      t = await startApp(AppModule, js.server.url);
      await jetstream(js.nc).publish('jobs.resize', JSON.stringify({ image: 8 }));
      const dlInfo = await waitUntil(async () => {
        const i = await js.jsm.streams.info('JOBS_DLQ').catch(() => undefined);
        return i && i.state.messages > 0 ? i : undefined;
      }, { timeout: 20_000, what: 'the dead letter' });
      const dl = await js.jsm.streams.getMessage('JOBS_DLQ', { seq: dlInfo.state.first_seq });
      assert.ok(dl);
      assert.equal(dl.subject, 'dlq.JOBS.work');
      assert.deepEqual(dl.json(), { image: 7 });
      assert.equal(header(dl.header, H.subject), 'jobs.resize');
      assert.equal(header(dl.header, H.streamSequence), String(seq));
      assert.equal(header(dl.header, H.deliveryCount), '3');
      assert.equal(header(dl.header, H.errorCode), '500');
      assert.match(header(dl.header, H.error) ?? '', /not settled by delivery 2 of 2/);
      assert.equal(header(dl.header, H.msgId), 'job-7');

      await waitUntil(() => handled.some((h) => h.seq === seq + 1), { timeout: 20_000, what: 'the next message handled' });
      assert.deepEqual(handled.filter((h) => h.seq === seq), [], 'the handler does not run on a delivery past maxDeliver');
      const settled = await waitUntil(async () => {
        const i = await js.jsm.consumers.info('JOBS', 'work');
        return i.num_ack_pending === 0 && i.num_pending === 0 ? i : undefined;
      }, { timeout: 20_000, what: 'the consumer settled' });
      assert.equal(settled.num_redelivered, 0);
      assert.ok(t.logs.lines.some((l) => l.level === 'warn' && /gave up JOBS #\d+ .*not settled by delivery 2 of 2/.test(l.message)), 'a warning says what was done');
    });
  });
});
