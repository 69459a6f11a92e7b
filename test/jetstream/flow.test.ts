import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, Module, type PaniniApplication } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { startApp, startJetStream, type JsServer } from './js-support.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JetStream flow control (nats-server with file storage)', () => {
  let js: JsServer;
  const apps: PaniniApplication[] = [];
  const publishMany = async (subject: string, n: number) => {
    const seqs: number[] = [];
    for (let i = 0; i < n; i++) seqs.push((await js.nc.request(subject, JSON.stringify({ i }), { timeout: 5000 })).json<{ seq: number }>().seq);
    return seqs;
  };

  before(async () => { js = await startJetStream(); });
  after(async () => {
    for (const a of apps) await a.close().catch(() => undefined);
    await js?.dispose();
  });

  describe('when a handler has concurrency 3', () => {
    const running = { now: 0, max: 0, done: 0 };
    @Controller()
    class Bounded {
      @Consume('BOUNDED', { durable: 'bounded', concurrency: 3 })
      async handle() {
        running.max = Math.max(running.max, ++running.now);
        await sleep(15);
        running.now--;
        running.done++;
      }
    }
    @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'BOUNDED', subjects: ['bounded.>'] }] })], controllers: [Bounded] })
    class M {}

    it('should never have more than 3 messages unacknowledged on the consumer', async () => {
      await js.jsm.streams.add({ name: 'BOUNDED', subjects: ['bounded.>'] });
      await publishMany('bounded.x', 60);
      const samples: number[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const info = await js.jsm.consumers.info('BOUNDED', 'bounded').catch(() => undefined);
          if (info) samples.push(info.num_ack_pending);
          else await sleep(5);
        }
      })();
      apps.push((await startApp(M, js.server.url)).app);
      await waitUntil(() => running.done === 60, { timeout: 60_000, what: '60 messages handled' });
      sampling = false;
      await sampler;
      assert.ok(samples.length >= 5, `sampled ${samples.length} times`);
      assert.ok(Math.max(...samples) <= 3, `num_ack_pending peaked at ${Math.max(...samples)}`);
      assert.ok(Math.max(...samples) >= 1, 'the sampler saw messages pending');
      assert.ok(running.max <= 3);
    });
  });

  describe('when a handler with concurrency 4 returns at once, so acks are sent back to back with the pulls', () => {
    let handled = 0;
    @Controller()
    class Fast {
      @Consume('FAST', { durable: 'fast', concurrency: 4 })
      handle() {
        handled++;
      }
    }
    @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'FAST', subjects: ['fast.>'] }] })], controllers: [Fast] })
    class M {}

    it('should never have more than 4 messages unacknowledged on the consumer: no pull is served before the acks sent ahead of it', async () => {
      await js.jsm.streams.add({ name: 'FAST', subjects: ['fast.>'] });
      const n = 3000;
      for (let i = 0; i < n; i++) js.nc.publish('fast.x', JSON.stringify({ i }));
      await js.nc.flush();
      await waitUntil(async () => (await js.jsm.streams.info('FAST')).state.messages === n, { timeout: 30_000, what: `${n} messages stored` });
      const samples: number[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const info = await js.jsm.consumers.info('FAST', 'fast').catch(() => undefined);
          if (info) samples.push(info.num_ack_pending);
          else await sleep(5);
        }
      })();
      apps.push((await startApp(M, js.server.url)).app);
      await waitUntil(() => handled === n, { timeout: 60_000, what: `${n} messages handled` });
      sampling = false;
      await sampler;
      const info = await waitUntil(async () => { const i = await js.jsm.consumers.info('FAST', 'fast'); return i.num_ack_pending === 0 ? i : undefined; }, { timeout: 10_000, what: 'every ack applied' });
      assert.ok(samples.length >= 5, `sampled ${samples.length} times`);
      assert.ok(Math.max(...samples) <= 4, `num_ack_pending peaked at ${Math.max(...samples)} (${samples.filter((s) => s > 4).length} of ${samples.length} samples above 4)`);
      assert.equal(info.ack_floor.stream_seq, n);
      assert.equal(info.num_redelivered, 0);
    });
  });

  describe('when a handler takes three times the ack wait', () => {
    const seen: number[] = [];
    let finished = 0;
    @Controller()
    class Slow {
      @Consume('SLOW', { durable: 'slow', ackWait: 1000, concurrency: 1 })
      async handle(@Ctx() ctx: JetStreamContext) {
        seen.push(ctx.deliveryCount);
        await sleep(3000);
        finished++;
      }
    }
    @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'SLOW', subjects: ['slow.>'] }] })], controllers: [Slow] })
    class M {}

    it('should keep the message with in-progress acks: handled once, never redelivered', async () => {
      apps.push((await startApp(M, js.server.url)).app);
      const [seq] = await publishMany('slow.x', 1);
      await waitUntil(() => finished === 1, { timeout: 20_000, what: 'the slow handler to finish' });
      const info = await waitUntil(async () => { const i = await js.jsm.consumers.info('SLOW', 'slow'); return i.ack_floor.stream_seq >= seq! ? i : undefined; }, { timeout: 10_000, what: 'the ack' });
      assert.deepEqual(seen, [1]);
      assert.equal(info.num_redelivered, 0);
      assert.equal(info.num_ack_pending, 0);
    });
  });

  describe('when two instances share one durable consumer', () => {
    const handled: Array<{ instance: string; seq: number }> = [];
    const make = (instance: string) => {
      @Controller()
      class Shared {
        @Consume('SHARED', { durable: 'shared', concurrency: 4 })
        async handle(@Ctx() ctx: JetStreamContext) {
          await sleep(2);
          handled.push({ instance, seq: ctx.streamSequence });
        }
      }
      @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'SHARED', subjects: ['shared.>'] }] })], controllers: [Shared] })
      class M {}
      return M;
    };

    it('should split the messages between them and ack each once', async () => {
      apps.push((await startApp(make('a'), js.server.url, 'svc')).app, (await startApp(make('b'), js.server.url, 'svc')).app);
      const seqs = await publishMany('shared.x', 200);
      await waitUntil(() => handled.length >= 200, { timeout: 60_000, what: '200 messages handled' });
      const info = await waitUntil(async () => { const i = await js.jsm.consumers.info('SHARED', 'shared'); return i.ack_floor.stream_seq >= seqs.at(-1)! ? i : undefined; }, { timeout: 10_000, what: 'every ack' });
      assert.deepEqual(handled.map((h) => h.seq).sort((x, y) => x - y), seqs);
      assert.ok(handled.some((h) => h.instance === 'a') && handled.some((h) => h.instance === 'b'), `a: ${handled.filter((h) => h.instance === 'a').length}, b: ${handled.filter((h) => h.instance === 'b').length}`);
      assert.equal(info.num_redelivered, 0);
      assert.equal(info.num_ack_pending, 0);
    });
  });

  describe('when close() is called while 500 messages are in flight', () => {
    const started = new Set<number>();
    const finishedA = new Set<number>();
    const handledB = new Set<number>();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const make = (instance: 'a' | 'b') => {
      @Controller()
      class Drain {
        @Consume('DRAIN', { durable: 'drain', concurrency: 500 })
        async handle(@Ctx() ctx: JetStreamContext) {
          if (instance === 'b') { handledB.add(ctx.streamSequence); return; }
          started.add(ctx.streamSequence);
          await gate;
          finishedA.add(ctx.streamSequence);
        }
      }
      @Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'DRAIN', subjects: ['drain.>'] }] })], controllers: [Drain] })
      class M {}
      return M;
    };

    it('should finish and ack every started handler, and leave the rest to the next instance, none lost', async () => {
      await js.jsm.streams.add({ name: 'DRAIN', subjects: ['drain.>'] });
      const seqs = await publishMany('drain.x', 1000);
      const a = (await startApp(make('a'), js.server.url, 'drainer')).app;
      await waitUntil(() => started.size === 500, { timeout: 60_000, what: '500 handlers running' });
      const closing = a.close();
      await waitUntil(() => a.status.phase === 'stopping' || a.status.phase === 'stopped', { what: 'the app stopping' });
      release();
      await closing;
      assert.deepEqual([...finishedA].sort(), [...started].sort());
      // the first pull brought sequences 1..500, all started: the ack floor passing 500 means each was acked
      // (what A pulled while stopping and never started was nak'ed, so it is pending for the next instance, not acked)
      const afterA = await js.jsm.consumers.info('DRAIN', 'drain');
      assert.equal(Math.max(...started), 500);
      assert.ok(afterA.ack_floor.stream_seq >= 500, `ack floor ${afterA.ack_floor.stream_seq}`);
      const b = (await startApp(make('b'), js.server.url, 'drainer')).app;
      apps.push(b);
      await waitUntil(() => finishedA.size + handledB.size >= 1000, { timeout: 60_000, what: 'the rest handled by the next instance' });
      assert.deepEqual([...finishedA, ...handledB].sort((x, y) => x - y), seqs, 'every message handled once: none lost, none acked by A without being handled');
    });
  });
});
