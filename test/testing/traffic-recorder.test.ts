import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTransport, RecordingTransport, TestingError, TrafficRecorder } from '../../src/testing/index.js';

const te = new TextEncoder();

async function recording(): Promise<RecordingTransport> {
  const t = new RecordingTransport(new MemoryTransport());
  await t.connect();
  return t;
}

describe('TrafficRecorder', () => {
  describe('when messages are sent through a recording transport', () => {
    it('should keep subject, headers, reply and kind, and tell replies from events', async () => {
      const t = await recording();
      t.subscribe('svc.ping', (m) => t.publish(m.reply!, te.encode('"pong"')));
      t.publish('evt.one', te.encode('{"a":1}'), { headers: { 'x-id': '1' } });
      const reply = await t.request('svc.ping', te.encode('{}'), { timeout: 1000 });
      const [event, request, answer] = t.traffic.messages();
      assert.deepEqual([event!.kind, event!.subject, event!.headers, event!.data], ['publish', 'evt.one', { 'x-id': '1' }, { a: 1 }]);
      assert.equal(request!.kind, 'request');
      assert.equal(answer!.kind, 'reply');
      assert.equal(answer!.subject, reply.subject);
      assert.equal(answer!.data, 'pong');
      await t.close();
    });
  });

  describe('when payloads are not JSON', () => {
    it('should decode text as text, binary as bytes and empty as undefined', () => {
      const r = new TrafficRecorder();
      r.record('publish', 'a', te.encode('plain words'), undefined);
      r.record('publish', 'a', Uint8Array.from([0xff, 0xfe]), undefined);
      r.record('publish', 'a', new Uint8Array(0), undefined);
      const [text, bytes, empty] = r.payloads('a');
      assert.equal(text, 'plain words');
      assert.deepEqual(bytes, Uint8Array.from([0xff, 0xfe]));
      assert.equal(empty, undefined);
    });
  });

  describe('when filtering by subject', () => {
    it('should accept wildcards, give the newest with last(), and forget with clear()', () => {
      const r = new TrafficRecorder();
      for (const s of ['orders.1.created', 'orders.2.created', 'users.created']) r.record('publish', s, te.encode(`"${s}"`), undefined);
      assert.equal(r.messages('orders.*.created').length, 2);
      assert.equal(r.messages('>').length, 3);
      assert.equal(r.last('orders.>')?.subject, 'orders.2.created');
      r.clear();
      assert.deepEqual(r.messages(), []);
      assert.equal(r.total, 3);
    });
  });

  describe('waitFor', () => {
    describe('when the message was already recorded', () => {
      it('should resolve with it at once', async () => {
        const r = new TrafficRecorder();
        r.record('publish', 'done', te.encode('1'), undefined);
        assert.equal((await r.waitFor('done')).data, 1);
      });
    });

    describe('when the message comes later', () => {
      it('should resolve when it is recorded, with the first that passes the predicate', async () => {
        const r = new TrafficRecorder();
        const waiting = r.waitFor<{ n: number }>('tick', { predicate: (m) => m.data.n > 1 });
        setImmediate(() => { for (const n of [1, 2, 3]) r.record('publish', 'tick', te.encode(JSON.stringify({ n })), undefined); });
        assert.deepEqual((await waiting).data, { n: 2 });
      });

      it('should count messages with waitForCount', async () => {
        const r = new TrafficRecorder();
        r.record('publish', 'c', te.encode('1'), undefined);
        const waiting = r.waitForCount('c', 3);
        setImmediate(() => { r.record('publish', 'c', te.encode('2'), undefined); r.record('publish', 'c', te.encode('3'), undefined); });
        assert.deepEqual((await waiting).map((m) => m.data), [1, 2, 3]);
      });
    });

    describe('when no such message comes before the deadline', () => {
      it('should reject with a TestingError that lists what was recorded', async () => {
        const r = new TrafficRecorder();
        r.record('publish', 'other.thing', te.encode('1'), undefined);
        await assert.rejects(r.waitFor('wanted', { timeout: 20 }), (e: unknown) =>
          e instanceof TestingError && e.kind === 'timeout' && e.message === "no message on 'wanted' within 20 ms; recorded subjects: other.thing (1)");
      });
    });
  });
});
