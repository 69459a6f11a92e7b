import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, Module, Payload } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

const seen: Array<{ n: number; seq: number; running: number }> = [];
let running = 0;

@Controller()
class ReadModel {
  @Consume('REPLAY', { ordered: true, filterSubject: 'replay.>' })
  async apply(@Payload() e: { n: number }, @Ctx() ctx: JetStreamContext) {
    running++;
    seen.push({ n: e.n, seq: ctx.streamSequence, running });
    await new Promise((r) => setTimeout(r, 2));
    running--;
    if (e.n === 3) throw new Error('a read model bug');
  }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'REPLAY', subjects: ['replay.>'] }] })], controllers: [ReadModel] })
class M {}

describe('an ordered consumer (nats-server with file storage)', () => {
  let js: JsServer;
  let t: TestApp;
  before(async () => { js = await startJetStream(); });
  after(async () => {
    await t?.app.close();
    await js?.dispose();
  });

  describe('when the stream holds messages published before the app started, and more follow', () => {
    it('should replay every message once, in stream order, one at a time, going on after a failure', async () => {
      await js.jsm.streams.add({ name: 'REPLAY', subjects: ['replay.>'] });
      for (let n = 1; n <= 20; n++) await js.nc.request(`replay.${n % 3}`, JSON.stringify({ n }), { timeout: 5000 });
      t = await startApp(M, js.server.url);
      for (let n = 21; n <= 30; n++) await js.nc.request(`replay.${n % 3}`, JSON.stringify({ n }), { timeout: 5000 });
      await waitUntil(() => seen.length >= 30, { timeout: 20_000, what: '30 messages replayed' });
      assert.deepEqual(seen.map((s) => s.n), Array.from({ length: 30 }, (_, i) => i + 1));
      assert.deepEqual(seen.map((s) => s.seq), Array.from({ length: 30 }, (_, i) => i + 1));
      assert.ok(seen.every((s) => s.running === 1), 'one message at a time');
      assert.ok(t.logs.lines.some((l) => l.level === 'error' && /ReadModel.apply failed/.test(l.message)), 'the failure is logged');
    });
  });
});
