import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StoredMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Ctx, Module, Payload } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, DEAD_LETTER_HEADERS as H, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { header, startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

class Item {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

const handled: Array<{ id: string; sku: unknown; qty: unknown; deliveryCount: number }> = [];

@Controller()
class Items {
  @Consume('HOSTILE', { durable: 'items', filterSubject: 'hostile.>', concurrency: 8, maxDeliver: 2, backoff: [10] })
  take(@Payload() item: Item, @Ctx() ctx: JetStreamContext) {
    handled.push({ id: ctx.header('x-id') ?? '?', sku: item.sku, qty: item.qty, deliveryCount: ctx.deliveryCount });
  }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'HOSTILE', subjects: ['hostile.>'] }] })], controllers: [Items] })
class M {}

const enc = new TextEncoder();
/** Bodies from valid items to garbage: wrong types, broken JSON, raw bytes, deep nesting. */
const body = fc.oneof(
  fc.record({ sku: fc.string(), qty: fc.integer({ min: 1, max: 1000 }) }).map((v) => enc.encode(JSON.stringify(v))),
  fc.record({ sku: fc.anything(), qty: fc.anything() }, { requiredKeys: [] }).map((v) => enc.encode(JSON.stringify(v) ?? 'null')),
  fc.jsonValue().map((v) => enc.encode(JSON.stringify(v) ?? 'null')),
  fc.string().map((s) => enc.encode(s)),
  fc.uint8Array({ maxLength: 64 }),
  fc.integer({ min: 50, max: 3000 }).map((d) => enc.encode('['.repeat(d) + ']'.repeat(d))),
);
/** Header fields a client may send: any printable name, values with unicode and control characters. */
const headerFields = fc.array(fc.tuple(fc.stringMatching(/^[!-9;-~]{1,20}$/), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 4 });

describe('a @Consume handler given hostile payloads and headers (nats-server with file storage)', () => {
  let js: JsServer;
  let t: TestApp;
  before(async () => {
    js = await startJetStream();
    t = await startApp(M, js.server.url);
  });
  after(async () => {
    await t?.app.close();
    await js?.dispose();
  });

  it('should never crash: each message is handled once with a valid item, or terminated and dead-lettered once with a 4xx, and counted', async () => {
    let next = 0;
    let dlSeen = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(body, headerFields), { minLength: 1, maxLength: 8 }), async (batch) => {
      const ids: string[] = [];
      for (const [data, fields] of batch) {
        const id = `m${next++}`;
        ids.push(id);
        const h = natsHeaders();
        for (const [k, v] of fields) { try { h.set(k, v.replace(/[\r\n]/g, ' ')); } catch { /* a value nats.js refuses is not sent */ } }
        h.set('x-id', id);
        await js.jsm.jetstream().publish('hostile.in', data, { headers: h });
      }
      const consumerSettled = async () => { const i = await js.jsm.consumers.info('HOSTILE', 'items'); return i.num_pending === 0 && i.num_ack_pending === 0; };
      await waitUntil(consumerSettled, { timeout: 30_000, what: 'every message settled' });
      const dl = await js.jsm.streams.info('HOSTILE_DLQ').catch(() => undefined);
      const letters: StoredMsg[] = [];
      for (let s = dlSeen + 1; dl && s <= dl.state.last_seq; s++) {
        const m = await js.jsm.streams.getMessage('HOSTILE_DLQ', { seq: s });
        if (m) letters.push(m);
      }
      dlSeen = dl?.state.last_seq ?? 0;
      for (const id of ids) {
        const ok = handled.filter((h) => h.id === id);
        const dead = letters.filter((m) => header(m.header, 'x-id') === id);
        assert.equal(ok.length + dead.length, 1, `${id}: handled ${ok.length} time(s), dead-lettered ${dead.length} time(s)`);
        if (ok.length) {
          assert.equal(typeof ok[0]!.sku, 'string');
          assert.ok(Number.isInteger(ok[0]!.qty) && (ok[0]!.qty as number) >= 1);
          assert.equal(ok[0]!.deliveryCount, 1);
        } else {
          const code = Number(header(dead[0]!.header, H.errorCode));
          assert.ok(code >= 400 && code < 500, `${id}: dead-lettered with ${code}`);
          assert.equal(header(dead[0]!.header, H.deliveryCount), '1', `${id}: given up on its first delivery`);
        }
      }
    }), { numRuns: 15 });
    const stats = t.app.stats().find((s) => s.handler === 'Items.take')!;
    assert.equal(stats.handled, handled.length);
    assert.equal(stats.failed, dlSeen, 'every dead letter was counted as a failure');
    assert.equal(t.app.status.phase, 'running');
  });
});
