import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, Module } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

const seen: string[] = [];

@Controller()
class Survivor {
  @Consume('LIVE', { durable: 'survivor', concurrency: 2 })
  handle(@Ctx() ctx: JetStreamContext) { seen.push(new TextDecoder().decode(ctx.message.data)); }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'LIVE', subjects: ['live.>'] }], defaults: { heartbeat: 500, pullExpires: 2000 } })], controllers: [Survivor] })
class M {}

describe('a JetStream consumer when the broker misbehaves (nats-server with file storage)', () => {
  let js: JsServer;
  let t: TestApp;
  const publish = async (text: string) => { await js.nc.request('live.x', text, { timeout: 5000 }); };

  before(async () => {
    js = await startJetStream();
    t = await startApp(M, js.server.url);
  });
  after(async () => {
    await t?.app.close();
    await js?.dispose();
  });

  describe('when its consumer is deleted on the server', () => {
    it('should log it once, recreate the consumer and go on', async () => {
      await publish('"before"');
      await waitUntil(() => seen.includes('"before"'), { timeout: 10_000 });
      await js.jsm.consumers.delete('LIVE', 'survivor');
      await waitUntil(async () => (await js.jsm.consumers.info('LIVE', 'survivor').catch(() => undefined)) !== undefined, { timeout: 20_000, what: 'the consumer recreated' });
      await publish('"after"');
      await waitUntil(() => seen.includes('"after"'), { timeout: 20_000, what: 'a message after the consumer came back' });
      const deleted = t.logs.lines.filter((l) => l.level === 'error' && /consumer 'survivor'.*(deleted|gone)/.test(l.message));
      assert.ok(deleted.length >= 1, 'the deletion is logged');
      assert.ok(deleted.length <= 2, `logged once per report path, not per retry: ${deleted.map((l) => l.message).join(' | ')}`);
    });
  });

  describe('when the server restarts on the same store', () => {
    it('should consume again, and lose nothing published while the app reconnects', async () => {
      await js.server.stop();
      await js.server.restart();
      await waitUntil(async () => { try { await publish('"restarted"'); return true; } catch { return false; } }, { timeout: 30_000, what: 'the server back' });
      await waitUntil(() => seen.includes('"restarted"'), { timeout: 30_000, what: 'a message after the restart' });
      assert.equal(seen.filter((s) => s === '"restarted"').length, 1);
    });
  });
});
