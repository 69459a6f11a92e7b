import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, Module, Payload } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

const seen: Array<{ n: number; seq: number; running: number }> = [];
let running = 0;
const rebuilt: number[] = [];

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

@Controller()
class Projection {
  @Consume('REBUILD', { ordered: true })
  async apply(@Ctx() ctx: JetStreamContext) {
    rebuilt.push(ctx.streamSequence);
    await new Promise((r) => setTimeout(r, 1));
  }
}

// a short heartbeat: a deleted consumer is noticed after missed heartbeats
@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'REBUILD', subjects: ['rebuild.>'] }], defaults: { heartbeat: 500 } })], controllers: [Projection] })
class P {}

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

  describe('when its consumer is deleted on the server in the middle of a replay', () => {
    it('should recreate it from the next sequence, so every message is handled once and in order', async () => {
      await js.jsm.streams.add({ name: 'REBUILD', subjects: ['rebuild.>'] });
      const total = 300;
      for (let n = 1; n <= total; n++) js.nc.publish(`rebuild.${n}`, JSON.stringify({ n }));
      await js.nc.flush();
      await waitUntil(async () => ((await js.jsm.streams.info('REBUILD')).state.messages === total ? true : undefined), { timeout: 10_000, what: 'the stream filled' });
      const p = await startApp(P, js.server.url, 'rebuild');
      try {
        await waitUntil(() => rebuilt.length >= 50, { timeout: 20_000, what: '50 messages handled' });
        const consumers = await (await js.jsm.consumers.list('REBUILD')).next();
        assert.equal(consumers.length, 1);
        const at = rebuilt.length;
        await js.jsm.consumers.delete('REBUILD', consumers[0]!.name);
        await waitUntil(() => rebuilt.length >= total, { timeout: 60_000, what: 'every message handled' });
        assert.ok(at < total, 'the consumer was deleted before the replay ended');
        assert.deepEqual(rebuilt, Array.from({ length: total }, (_, i) => i + 1));
        assert.ok(p.logs.lines.some((l) => l.level === 'info' && /ordered consumer of stream 'REBUILD' recreated from sequence \d+/.test(l.message)), 'the recreation is logged');
      } finally {
        await p.app.close();
      }
    });
  });
});
