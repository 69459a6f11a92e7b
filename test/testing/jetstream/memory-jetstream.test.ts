import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ManualClock } from '../../../src/index.js';
import { MemoryJetStream } from '../../../src/testing/jetstream/memory-jetstream.js';
import { JsApiError } from '../../../src/testing/jetstream/js-api-error.js';
import type { MemoryDelivery, PullEnd } from '../../../src/testing/jetstream/pull-request.js';

const te = new TextEncoder();
const MS = 1_000_000; // ns per ms

/** Pulls without waiting: what is available now, after the engine's delivery turn. */
async function pullNow(js: MemoryJetStream, stream: string, consumer: string, batch = 100): Promise<{ got: MemoryDelivery[]; end: PullEnd }> {
  const got: MemoryDelivery[] = [];
  const end = await new Promise<PullEnd>((resolve) => {
    js.pull(stream, consumer, { batch, noWait: true, deliver: (d) => got.push(d), end: (reason) => resolve(reason) });
  });
  return { got, end };
}

function setUp(): { js: MemoryJetStream; clock: ManualClock } {
  const clock = new ManualClock();
  const js = new MemoryJetStream({ clock });
  js.addStream({ name: 'S', subjects: ['s.>'] });
  return { js, clock };
}

describe('MemoryJetStream', () => {
  describe('when a consumer has a backoff and its messages are never acknowledged', () => {
    it('should redeliver each after the backoff step of its delivery count, the last step repeating', async () => {
      const { js, clock } = setUp();
      js.addConsumer('S', { durable_name: 'b', backoff: [1000 * MS, 5000 * MS], max_deliver: 4 });
      js.capture('s.x', te.encode('x'));
      assert.deepEqual((await pullNow(js, 'S', 'b')).got.map((d) => d.deliveryCount), [1]);
      await clock.advance(999);
      assert.equal((await pullNow(js, 'S', 'b')).got.length, 0, 'not before the first step');
      await clock.advance(1);
      assert.deepEqual((await pullNow(js, 'S', 'b')).got.map((d) => d.deliveryCount), [2]);
      await clock.advance(4999);
      assert.equal((await pullNow(js, 'S', 'b')).got.length, 0, 'not before the second step');
      await clock.advance(1);
      assert.deepEqual((await pullNow(js, 'S', 'b')).got.map((d) => d.deliveryCount), [3]);
      await clock.advance(5000);
      assert.deepEqual((await pullNow(js, 'S', 'b')).got.map((d) => d.deliveryCount), [4]);
      await clock.advance(60_000);
      assert.equal((await pullNow(js, 'S', 'b')).got.length, 0, 'never past max_deliver');
      assert.equal(js.consumerInfo('S', 'b').num_ack_pending, 0);
    });
  });

  describe('when a message is nak\'ed with a delay', () => {
    it('should hold it exactly that long on the clock, and a working() should restart the ack wait', async () => {
      const { js, clock } = setUp();
      js.addConsumer('S', { durable_name: 'n', ack_wait: 10_000 * MS });
      js.capture('s.x', te.encode('x'));
      const [first] = (await pullNow(js, 'S', 'n')).got;
      first!.nak(3000);
      await clock.advance(2999);
      assert.equal((await pullNow(js, 'S', 'n')).got.length, 0);
      await clock.advance(1);
      const [second] = (await pullNow(js, 'S', 'n')).got;
      assert.equal(second!.deliveryCount, 2);
      await clock.advance(9000);
      second!.working();
      await clock.advance(9000);
      assert.equal((await pullNow(js, 'S', 'n')).got.length, 0, 'working() restarted the 10 s ack wait');
      await clock.advance(1000);
      assert.deepEqual((await pullNow(js, 'S', 'n')).got.map((d) => d.deliveryCount), [3]);
    });
  });

  describe('when max_ack_pending is reached', () => {
    it('should deliver no more until an ack frees a slot', async () => {
      const { js } = setUp();
      js.addConsumer('S', { durable_name: 'm', max_ack_pending: 2 });
      for (let i = 0; i < 5; i++) js.capture('s.x', te.encode(String(i)));
      const first = (await pullNow(js, 'S', 'm')).got;
      assert.equal(first.length, 2);
      first[0]!.ack();
      assert.deepEqual((await pullNow(js, 'S', 'm')).got.map((d) => d.streamSeq), [3]);
    });
  });

  describe('when messages are older than max_age', () => {
    it('should remove them as the clock passes their age', async () => {
      const clock = new ManualClock();
      const js = new MemoryJetStream({ clock });
      js.addStream({ name: 'A', subjects: ['a'], max_age: 60_000 * MS });
      js.capture('a', te.encode('1'));
      await clock.advance(30_000);
      js.capture('a', te.encode('2'));
      await clock.advance(30_000);
      assert.deepEqual([js.streamInfo('A').state.messages, js.streamInfo('A').state.first_seq], [1, 2]);
      await clock.advance(30_000);
      assert.equal(js.streamInfo('A').state.messages, 0);
    });
  });

  describe('when the de-duplication window has passed', () => {
    it('should store a message with a msgId seen before the window again', async () => {
      const clock = new ManualClock();
      const js = new MemoryJetStream({ clock });
      js.addStream({ name: 'D', subjects: ['d'], duplicate_window: 1000 * MS });
      const h = { 'Nats-Msg-Id': 'same' };
      assert.deepEqual(js.capture('d', te.encode('1'), h), { ok: true, ack: { stream: 'D', seq: 1 } });
      await clock.advance(999);
      assert.deepEqual(js.capture('d', te.encode('1'), h), { ok: true, ack: { stream: 'D', seq: 1, duplicate: true } });
      await clock.advance(1);
      assert.deepEqual(js.capture('d', te.encode('1'), h), { ok: true, ack: { stream: 'D', seq: 2 } });
    });
  });

  describe('when a stream has interest retention', () => {
    it('should keep a message until every consumer that wants it acked it, and skip it when none wants it', async () => {
      const js = new MemoryJetStream({ clock: new ManualClock() });
      js.addStream({ name: 'I', subjects: ['i.*'], retention: 'interest' });
      assert.deepEqual(js.capture('i.x', te.encode('nobody')), { ok: true, ack: { stream: 'I', seq: 1 } });
      assert.equal(js.streamInfo('I').state.messages, 0);
      js.addConsumer('I', { durable_name: 'a' });
      js.addConsumer('I', { durable_name: 'b' });
      js.capture('i.x', te.encode('both'));
      const [a] = (await pullNow(js, 'I', 'a')).got;
      const [b] = (await pullNow(js, 'I', 'b')).got;
      a!.ack();
      assert.equal(js.streamInfo('I').state.messages, 1, 'b still needs it');
      b!.ack();
      assert.equal(js.streamInfo('I').state.messages, 0);
    });
  });

  describe('when an ack policy is all', () => {
    it('should acknowledge every message up to the one acked', async () => {
      const { js } = setUp();
      js.addConsumer('S', { durable_name: 'all', ack_policy: 'all' });
      for (let i = 0; i < 4; i++) js.capture('s.x', te.encode(String(i)));
      const got = (await pullNow(js, 'S', 'all')).got;
      got[2]!.ack();
      const info = js.consumerInfo('S', 'all');
      assert.deepEqual([info.num_ack_pending, info.ack_floor.stream_seq], [1, 3]);
    });
  });

  describe('when a consumer starts with a deliver policy', () => {
    it('should start where the policy says', async () => {
      const { js } = setUp();
      for (const s of ['s.a', 's.b', 's.a', 's.c']) js.capture(s, te.encode(s));
      const start = async (cfg: object): Promise<number[]> => {
        const name = `c${Math.random().toString(36).slice(2, 8)}`;
        js.addConsumer('S', { durable_name: name, ...cfg });
        return (await pullNow(js, 'S', name)).got.map((d) => d.streamSeq);
      };
      assert.deepEqual(await start({}), [1, 2, 3, 4]);
      assert.deepEqual(await start({ deliver_policy: 'last' }), [4]);
      assert.deepEqual(await start({ deliver_policy: 'new' }), []);
      assert.deepEqual(await start({ deliver_policy: 'by_start_sequence', opt_start_seq: 3 }), [3, 4]);
      assert.deepEqual(await start({ deliver_policy: 'last_per_subject' }), [2, 3, 4]);
      assert.deepEqual(await start({ deliver_policy: 'last', filter_subject: 's.a' }), [3]);
    });
  });

  describe('when a stream is limited by bytes', () => {
    it('should count bytes as the server\'s store does and never hold more than max_bytes', () => {
      fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 40 }), fc.integer({ min: 200, max: 2000 }), (sizes, max) => {
        const js = new MemoryJetStream({ clock: new ManualClock() });
        js.addStream({ name: 'B', subjects: ['b'], storage: 'memory', max_bytes: max });
        for (const n of sizes) js.capture('b', new Uint8Array(n));
        const st = js.streamInfo('B').state;
        assert.ok(st.bytes <= max);
        // memory store: subject + payload + 16 per message
        assert.equal(st.bytes, sizes.slice(sizes.length - st.messages).reduce((t, n) => t + n + 1 + 16, 0));
      }));
    });
  });

  describe('when an API call is wrong', () => {
    it('should throw the server\'s API error codes', () => {
      const { js } = setUp();
      const code = (fn: () => unknown): number | undefined => { try { fn(); } catch (e) { return e instanceof JsApiError ? e.errCode : -1; } return undefined; };
      assert.equal(code(() => js.streamInfo('NOPE')), 10059);
      assert.equal(code(() => js.consumerInfo('S', 'nope')), 10014);
      assert.equal(code(() => js.addStream({ name: 'T', subjects: ['s.x'] })), 10065);
      assert.equal(code(() => js.addConsumer('S', { durable_name: 'a.b' })), 10103);
      assert.equal(code(() => js.addConsumer('S', { durable_name: 'x', backoff: [MS, MS], max_deliver: 2 })), 10116);
      js.addConsumer('S', { durable_name: 'fixed' });
      assert.equal(code(() => js.addConsumer('S', { durable_name: 'fixed', ack_policy: 'none' })), 10012);
      assert.equal(code(() => js.updateStream({ name: 'S', subjects: ['s.>'], storage: 'memory' })), 10052);
      js.addStream({ name: 'W', subjects: ['w.*'], retention: 'workqueue' });
      js.addConsumer('W', { durable_name: 'one' });
      assert.equal(code(() => js.addConsumer('W', { durable_name: 'two' })), 10099);
    });
  });
});
