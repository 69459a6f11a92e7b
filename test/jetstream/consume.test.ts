import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Ctx, Module, Param, Payload } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, DEAD_LETTER_HEADERS as H, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { header, startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

class OrderCreated {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

const calls = {
  flaky: [] as Array<{ at: number; deliveryCount: number; seq: number }>,
  poison: [] as number[],
  valid: [] as Array<{ id: string; sku: string; qty: number; stream: string; consumer: string; redelivered: boolean }>,
  next: [] as string[],
};

@Controller()
class OrdersController {
  @Consume('ORDERS', { durable: 'flaky', filterSubject: 'orders.flaky', backoff: [300, 600], maxDeliver: 5, concurrency: 1 })
  flaky(@Ctx() ctx: JetStreamContext) {
    calls.flaky.push({ at: Date.now(), deliveryCount: ctx.deliveryCount, seq: ctx.streamSequence });
    if (ctx.deliveryCount < 3) throw new Error(`attempt ${ctx.deliveryCount} failed`);
  }

  @Consume('ORDERS', { durable: 'poison', filterSubject: 'orders.poison.*', backoff: [50], maxDeliver: 3, concurrency: 1 })
  poison(@Payload() body: { bad?: boolean; n: number }, @Ctx() ctx: JetStreamContext) {
    if (body.bad) { calls.poison.push(ctx.deliveryCount); throw new Error('the database said no'); }
    calls.next.push(`n${body.n}`);
  }

  @Consume('ORDERS', { durable: 'valid', filterSubject: 'orders.{id}.created', concurrency: 4 })
  created(@Param('id') id: string, @Payload() o: OrderCreated, @Ctx() ctx: JetStreamContext) {
    calls.valid.push({ id, sku: o.sku, qty: o.qty, stream: ctx.stream, consumer: ctx.consumer, redelivered: ctx.redelivered });
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [{ name: 'ORDERS', subjects: ['orders.>'] }] })],
  controllers: [OrdersController],
})
class AppModule {}

describe('@Consume on a durable consumer (nats-server with file storage)', () => {
  let js: JsServer;
  let t: TestApp;
  const publish = async (subject: string, body: unknown, headers?: Record<string, string>) => {
    const h = (await import('@nats-io/transport-node')).headers();
    for (const [k, v] of Object.entries(headers ?? {})) h.set(k, v);
    const r = await js.nc.request(subject, JSON.stringify(body), { timeout: 5000, headers: h });
    return (r.json() as { seq: number }).seq;
  };
  const consumer = (name: string) => js.jsm.consumers.info('ORDERS', name);
  const deadLetters = async () => {
    const info = await js.jsm.streams.info('ORDERS_DLQ').catch(() => undefined);
    const out = [];
    for (let s = 1; info && s <= info.state.last_seq; s++) {
      const m = await js.jsm.streams.getMessage('ORDERS_DLQ', { seq: s });
      if (m) out.push(m);
    }
    return out;
  };

  before(async () => {
    js = await startJetStream();
    t = await startApp(AppModule, js.server.url);
  });
  after(async () => {
    await t?.app.close();
    await js?.dispose();
  });

  describe('when a handler fails twice and then succeeds', () => {
    it('should be called 3 times with deliveryCount 1, 2, 3, after the backoff delays, and ack the message once', async () => {
      const seq = await publish('orders.flaky', { n: 1 });
      await waitUntil(() => calls.flaky.length >= 3, { timeout: 20_000, what: 'three attempts' });
      assert.deepEqual(calls.flaky.map((c) => c.deliveryCount), [1, 2, 3]);
      assert.ok(calls.flaky.every((c) => c.seq === seq));
      // the nak delay of attempt n is backoff[n-1]: 300 ms, then 600 ms (lower bounds; the machine may be slow)
      assert.ok(calls.flaky[1]!.at - calls.flaky[0]!.at >= 300 - 20, `first gap ${calls.flaky[1]!.at - calls.flaky[0]!.at} ms`);
      assert.ok(calls.flaky[2]!.at - calls.flaky[1]!.at >= 600 - 20, `second gap ${calls.flaky[2]!.at - calls.flaky[1]!.at} ms`);
      const c = await waitUntil(async () => { const i = await consumer('flaky'); return i.ack_floor.stream_seq >= seq && i.num_ack_pending === 0 ? i : undefined; }, { timeout: 10_000, what: 'the ack' });
      assert.equal(c.num_pending, 0);
      assert.equal(c.num_redelivered, 0);
      assert.equal(calls.flaky.length, 3);
      assert.deepEqual((await deadLetters()).filter((m) => header(m.header, H.consumer) === 'flaky'), []);
    });
  });

  describe('when a message fails on every delivery', () => {
    it('should dead-letter it after maxDeliver attempts with every header, and go on with the next message', async () => {
      const seq = await publish('orders.poison.1', { bad: true, n: 1 }, { 'Nats-Msg-Id': 'poison-1', 'x-tenant': 'acme' });
      await publish('orders.poison.2', { n: 2 });
      await waitUntil(() => calls.next.includes('n2') && calls.poison.length >= 3, { timeout: 20_000, what: 'the poison message given up and the next one handled' });
      assert.deepEqual(calls.poison, [1, 2, 3]);
      const dl = await waitUntil(async () => (await deadLetters()).find((m) => header(m.header, H.consumer) === 'poison'), { timeout: 10_000, what: 'the dead letter' });
      assert.equal(dl.subject, 'dlq.ORDERS.poison');
      assert.deepEqual(dl.json(), { bad: true, n: 1 });
      assert.equal(header(dl.header, H.subject), 'orders.poison.1');
      assert.equal(header(dl.header, H.stream), 'ORDERS');
      assert.equal(header(dl.header, H.streamSequence), String(seq));
      assert.equal(header(dl.header, H.deliveryCount), '3');
      assert.equal(header(dl.header, H.error), 'internal error');
      assert.equal(header(dl.header, H.errorCode), '500');
      assert.equal(header(dl.header, H.msgId), 'poison-1');
      assert.equal(header(dl.header, 'x-tenant'), 'acme');
      const failedAt = Date.parse(header(dl.header, H.failedAt) ?? '');
      assert.ok(Math.abs(Date.now() - failedAt) < 60_000, 'failed-at is a recent ISO time');
      const c = await waitUntil(async () => { const i = await consumer('poison'); return i.num_ack_pending === 0 && i.num_pending === 0 ? i : undefined; }, { timeout: 10_000, what: 'the consumer settled' });
      assert.equal(c.num_redelivered, 0);
      assert.equal(calls.poison.length, 3);
    });
  });

  describe('when a message fails validation', () => {
    it('should dead-letter it at once with the validation details, never redelivered', async () => {
      const seq = await publish('orders.o-7.created', { sku: 'ab', qty: 0 });
      await publish('orders.o-8.created', { sku: 'cd', qty: 2 });
      await waitUntil(() => calls.valid.some((v) => v.id === 'o-8'), { timeout: 10_000, what: 'the valid order' });
      assert.deepEqual(calls.valid.find((v) => v.id === 'o-8'), { id: 'o-8', sku: 'cd', qty: 2, stream: 'ORDERS', consumer: 'valid', redelivered: false });
      const dl = await waitUntil(async () => (await deadLetters()).find((m) => header(m.header, H.consumer) === 'valid'), { timeout: 10_000, what: 'the dead letter' });
      assert.equal(header(dl.header, H.streamSequence), String(seq));
      assert.equal(header(dl.header, H.deliveryCount), '1');
      assert.equal(header(dl.header, H.errorCode), '400');
      const details = JSON.parse(header(dl.header, H.errorDetails) ?? 'null') as Array<{ field: string }>;
      assert.ok(Array.isArray(details) && details.some((d) => JSON.stringify(d).includes('qty')), `details name the field: ${header(dl.header, H.errorDetails)}`);
      const c = await waitUntil(async () => { const i = await consumer('valid'); return i.num_ack_pending === 0 && i.num_pending === 0 ? i : undefined; }, { timeout: 10_000, what: 'the consumer settled' });
      assert.equal(c.num_redelivered, 0);
      assert.equal(calls.valid.filter((v) => v.id === 'o-7').length, 0);
    });
  });
});
