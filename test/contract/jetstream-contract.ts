import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JetStreamBackend, JetStreamMessage } from '../../src/jetstream/backend.js';
import {
  ConsumerNotFoundError, JetStreamApiError, StreamMismatchError, StreamNotFoundError, WrongLastMsgIdError, WrongLastSequenceError,
} from '../../src/jetstream/jetstream.errors.js';
import { waitUntil } from '../../src/testing/index.js';
import { consumerConfig, streamConfig, type JetStreamScope } from './jetstream-target.js';

const te = new TextEncoder();
const td = new TextDecoder();
const OPTS = { timeout: 5000 } as const;

/** One pull: up to `max` messages, waiting at most `expires` ms. */
async function take(backend: JetStreamBackend, stream: string, durable: string, max: number, expires = 2000): Promise<JetStreamMessage[]> {
  const got: JetStreamMessage[] = [];
  for await (const m of backend.fetch(stream, durable, { max, expires })) got.push(m);
  return got;
}

/** Pulls until `n` messages came (several pulls if needed), within a deadline. */
async function takeN(backend: JetStreamBackend, stream: string, durable: string, n: number): Promise<JetStreamMessage[]> {
  const got: JetStreamMessage[] = [];
  const deadline = Date.now() + 15_000;
  while (got.length < n && Date.now() < deadline) got.push(...await take(backend, stream, durable, n - got.length));
  return got;
}

const text = (m: JetStreamMessage): string => td.decode(m.data);

/** JetStream as the module relies on it, the same on the memory emulation and on nats-server. */
export function jetStreamCases(scope: JetStreamScope): void {
  describe('publishing to a stream', () => {
    it('should answer each publish with the stream and the next sequence', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      assert.deepEqual(await backend.publish(`${prefix}.a`, te.encode('1'), OPTS), { stream: name, seq: 1, duplicate: false });
      assert.deepEqual(await backend.publish(`${prefix}.b`, te.encode('2'), OPTS), { stream: name, seq: 2, duplicate: false });
      const info = await backend.streamInfo(name);
      assert.equal(info.state.messages, 2);
      assert.equal(info.state.firstSeq, 1);
      assert.equal(info.state.lastSeq, 2);
    });

    it('should store a message published twice with one msgId once, and say the second was a duplicate', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.publish(`${prefix}.x`, te.encode('first'), { ...OPTS, msgId: 'm-1' });
      await backend.publish(`${prefix}.x`, te.encode('other'), OPTS);
      const again = await backend.publish(`${prefix}.x`, te.encode('first'), { ...OPTS, msgId: 'm-1' });
      assert.deepEqual(again, { stream: name, seq: 1, duplicate: true });
      assert.equal((await backend.streamInfo(name)).state.messages, 2);
    });

    it('should refuse a wrong expected last sequence with the current one, and accept the right one', async () => {
      const { backend } = await scope.connect();
      const { prefix } = await scope.stream(backend);
      await backend.publish(`${prefix}.a`, te.encode('1'), OPTS);
      await backend.publish(`${prefix}.b`, te.encode('2'), OPTS);
      const err = await backend.publish(`${prefix}.a`, te.encode('3'), { ...OPTS, expect: { lastSequence: 1 } }).catch((e: unknown) => e);
      assert.ok(WrongLastSequenceError.is(err), String(err));
      assert.equal(err.current, 2);
      assert.equal((await backend.publish(`${prefix}.a`, te.encode('3'), { ...OPTS, expect: { lastSequence: 2 } })).seq, 3);
    });

    it('should check the last sequence of the subject, 0 for a subject never written', async () => {
      const { backend } = await scope.connect();
      const { prefix } = await scope.stream(backend);
      assert.equal((await backend.publish(`${prefix}.a`, te.encode('1'), { ...OPTS, expect: { lastSubjectSequence: 0 } })).seq, 1);
      await backend.publish(`${prefix}.b`, te.encode('2'), OPTS);
      const err = await backend.publish(`${prefix}.a`, te.encode('3'), { ...OPTS, expect: { lastSubjectSequence: 0 } }).catch((e: unknown) => e);
      assert.ok(WrongLastSequenceError.is(err), String(err));
      assert.equal(err.current, 1);
      assert.equal((await backend.publish(`${prefix}.a`, te.encode('3'), { ...OPTS, expect: { lastSubjectSequence: 1 } })).seq, 3);
    });

    it('should refuse a wrong expected last msgId and a wrong expected stream', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.publish(`${prefix}.a`, te.encode('1'), { ...OPTS, msgId: 'one' });
      await assert.rejects(backend.publish(`${prefix}.a`, te.encode('2'), { ...OPTS, expect: { lastMsgId: 'zero' } }), (e: unknown) => WrongLastMsgIdError.is(e));
      await assert.rejects(backend.publish(`${prefix}.a`, te.encode('2'), { ...OPTS, expect: { stream: 'ELSEWHERE' } }), (e: unknown) => StreamMismatchError.is(e));
      assert.equal((await backend.publish(`${prefix}.a`, te.encode('2'), { ...OPTS, expect: { lastMsgId: 'one', stream: name } })).seq, 2);
    });

    it('should reject a publish no stream captures with StreamNotFoundError', async () => {
      const { backend } = await scope.connect();
      await assert.rejects(backend.publish(`nowhere${process.pid}.x`, te.encode('1'), OPTS), (e: unknown) => StreamNotFoundError.is(e));
    });
  });

  describe('capturing subjects', () => {
    it('should store a core publish on a captured subject, and hand a stream publish to core subscribers too', async () => {
      const { backend, transport } = await scope.connect();
      const other = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      const seen: string[] = [];
      other.transport.subscribe(`${prefix}.>`, (m) => seen.push(td.decode(m.data)));
      await other.transport.flush();
      transport.publish(`${prefix}.core`, te.encode('core'));
      await transport.flush();
      await backend.publish(`${prefix}.js`, te.encode('js'), OPTS);
      await waitUntil(async () => (await backend.streamInfo(name)).state.messages === 2, { what: 'both messages stored', timeout: 5000 });
      await waitUntil(() => seen.length === 2, { what: 'both messages seen by the core subscriber', timeout: 5000 });
      assert.deepEqual(seen, ['core', 'js']);
    });

    it('should refuse a second stream whose subjects overlap, and the same name with another configuration', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await assert.rejects(backend.addStream(streamConfig({ name: `${name}_B`, subjects: [`${prefix}.a.*`] })), (e: unknown) => JetStreamApiError.is(e) && e.errCode === 10065);
      await assert.rejects(backend.addStream(streamConfig({ name, subjects: [`${prefix}.>`], maxMsgs: 5 })), (e: unknown) => JetStreamApiError.is(e) && e.errCode === 10058);
    });

    it('should drop the oldest message past max_msgs with discard old, and refuse the new one with discard new', async () => {
      const { backend } = await scope.connect();
      const old = await scope.stream(backend, { maxMsgs: 3 });
      for (let i = 1; i <= 5; i++) await backend.publish(`${old.prefix}.x`, te.encode(String(i)), OPTS);
      const info = await backend.streamInfo(old.name);
      assert.deepEqual([info.state.messages, info.state.firstSeq, info.state.lastSeq], [3, 3, 5]);
      const nw = await scope.stream(backend, { maxMsgs: 3, discard: 'new' });
      for (let i = 1; i <= 3; i++) await backend.publish(`${nw.prefix}.x`, te.encode(String(i)), OPTS);
      await assert.rejects(backend.publish(`${nw.prefix}.x`, te.encode('4'), OPTS), (e: unknown) => JetStreamApiError.is(e) && e.errCode === 10077 && /maximum messages exceeded/.test(e.description));
    });

    it('should count the bytes of messages as the file and memory stores do', async () => {
      const { backend } = await scope.connect();
      const file = await scope.stream(backend, { storage: 'file' });
      const mem = await scope.stream(backend, { storage: 'memory' });
      // a header block `NATS/1.0\r\nX-A: 1\r\n\r\n` is 20 bytes
      for (const { prefix } of [file, mem]) {
        await backend.publish(`${prefix}.abc`, new Uint8Array(100), OPTS);
        await backend.publish(`${prefix}.abc`, new Uint8Array(10), { ...OPTS, headers: { 'X-A': '1' } });
      }
      const subj = `${file.prefix}.abc`.length;
      assert.equal((await backend.streamInfo(file.name)).state.bytes, (22 + subj + 100 + 8) + (22 + subj + 4 + 20 + 10 + 8));
      const msubj = `${mem.prefix}.abc`.length;
      assert.equal((await backend.streamInfo(mem.name)).state.bytes, (msubj + 100 + 16) + (msubj + 20 + 10 + 16));
    });

    it('should keep a message of an interest stream until every interested consumer acked it', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend, { retention: 'interest' });
      await backend.publish(`${prefix}.x`, te.encode('nobody'), OPTS);
      assert.equal((await backend.streamInfo(name)).state.messages, 0, 'no consumer: not kept');
      await backend.addConsumer(name, consumerConfig({ durable: 'a' }));
      await backend.addConsumer(name, consumerConfig({ durable: 'b' }));
      assert.equal((await backend.publish(`${prefix}.x`, te.encode('both'), OPTS)).seq, 2);
      const [a] = await take(backend, name, 'a', 1);
      const [b] = await take(backend, name, 'b', 1);
      a!.ack();
      await waitUntil(async () => (await backend.consumerInfo(name, 'a')).state.numAckPending === 0, { what: 'a acked', timeout: 5000 });
      assert.equal((await backend.streamInfo(name)).state.messages, 1, 'b has not acked it yet');
      b!.ack();
      await waitUntil(async () => (await backend.streamInfo(name)).state.messages === 0, { what: 'the message removed', timeout: 5000 });
    });

    it('should remove a message from a workqueue stream once it is acknowledged', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend, { retention: 'workqueue' });
      await backend.addConsumer(name, consumerConfig({ durable: 'wq' }));
      await backend.publish(`${prefix}.job`, te.encode('1'), OPTS);
      await backend.publish(`${prefix}.job`, te.encode('2'), OPTS);
      const [first] = await take(backend, name, 'wq', 1);
      first!.ack();
      await waitUntil(async () => (await backend.streamInfo(name)).state.messages === 1, { what: 'the acked job removed', timeout: 5000 });
      assert.equal((await backend.streamInfo(name)).state.firstSeq, 2);
    });
  });

  describe('a durable consumer', () => {
    it('should hand each message to one of two pullers sharing it, each acked once', async () => {
      const a = await scope.connect();
      const b = await scope.connect();
      const { name, prefix } = await scope.stream(a.backend);
      await a.backend.addConsumer(name, consumerConfig({ durable: 'shared' }));
      for (let i = 0; i < 40; i++) await a.backend.publish(`${prefix}.job`, te.encode(String(i)), OPTS);
      const got: string[][] = [[], []];
      const work = async (backend: JetStreamBackend, into: string[]): Promise<void> => {
        while (got[0]!.length + got[1]!.length < 40) {
          for (const m of await take(backend, name, 'shared', 5, 1000)) { into.push(text(m)); m.ack(); }
        }
      };
      await Promise.all([work(a.backend, got[0]!), work(b.backend, got[1]!)]);
      const all = [...got[0]!, ...got[1]!].map(Number).sort((x, y) => x - y);
      assert.deepEqual(all, Array.from({ length: 40 }, (_, i) => i));
      await waitUntil(async () => (await a.backend.consumerInfo(name, 'shared')).state.numAckPending === 0, { what: 'every ack counted', timeout: 5000 });
    });

    it('should count pending, ack pending and the ack floor as the messages are delivered and acknowledged', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.addConsumer(name, consumerConfig({ durable: 'counts' }));
      for (let i = 1; i <= 5; i++) await backend.publish(`${prefix}.x`, te.encode(String(i)), OPTS);
      const three = await take(backend, name, 'counts', 3);
      assert.deepEqual(three.map((m) => [m.info.streamSequence, m.info.deliveryCount, m.info.pending]), [[1, 1, 4], [2, 1, 3], [3, 1, 2]]);
      let state = (await backend.consumerInfo(name, 'counts')).state;
      assert.deepEqual([state.numAckPending, state.numPending, state.deliveredStreamSeq, state.ackFloorStreamSeq], [3, 2, 3, 0]);
      three[0]!.ack();
      three[2]!.ack();
      await waitUntil(async () => (await backend.consumerInfo(name, 'counts')).state.numAckPending === 1, { what: 'two acks counted', timeout: 5000 });
      state = (await backend.consumerInfo(name, 'counts')).state;
      assert.equal(state.ackFloorStreamSeq, 1);
      three[1]!.ack();
      await waitUntil(async () => (await backend.consumerInfo(name, 'counts')).state.ackFloorStreamSeq === 3, { what: 'the ack floor at 3', timeout: 5000 });
    });

    it('should only deliver the subjects of its filter, and tell its filter apart from the stream\'s subjects', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.addConsumer(name, consumerConfig({ durable: 'only-b', filterSubjects: [`${prefix}.b.*`] }));
      for (const s of ['a.1', 'b.1', 'a.2', 'b.2']) await backend.publish(`${prefix}.${s}`, te.encode(s), OPTS);
      const got = await take(backend, name, 'only-b', 10, 1000);
      assert.deepEqual(got.map(text), ['b.1', 'b.2']);
      assert.deepEqual(got.map((m) => m.info.streamSequence), [2, 4]);
      await assert.rejects(backend.addConsumer(name, consumerConfig({ durable: 'outside', filterSubjects: ['elsewhere.>'] })), (e: unknown) => JetStreamApiError.is(e) && e.errCode === 10093);
    });
  });

  describe('acknowledgements', () => {
    it('should redeliver a nak\'ed message at once, with the delivery count raised', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.addConsumer(name, consumerConfig({ durable: 'nak' }));
      await backend.publish(`${prefix}.x`, te.encode('again'), OPTS);
      const [first] = await take(backend, name, 'nak', 1);
      first!.nak();
      const [second] = await take(backend, name, 'nak', 1);
      assert.deepEqual([second!.info.streamSequence, second!.info.deliveryCount, second!.info.redelivered], [1, 2, true]);
      assert.equal((await backend.consumerInfo(name, 'nak')).state.numRedelivered, 1);
      second!.ack();
      await waitUntil(async () => (await backend.consumerInfo(name, 'nak')).state.numRedelivered === 0, { what: 'the redelivered message acked', timeout: 5000 });
    });

    it('should hold a message nak\'ed with a delay until the delay has passed', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.addConsumer(name, consumerConfig({ durable: 'later' }));
      await backend.publish(`${prefix}.x`, te.encode('later'), OPTS);
      const [first] = await take(backend, name, 'later', 1);
      const since = Date.now();
      first!.nak(1500);
      const [again] = await takeN(backend, name, 'later', 1);
      assert.ok(Date.now() - since >= 1400, `redelivered after ${Date.now() - since} ms`);
      assert.equal(again!.info.deliveryCount, 2);
      again!.ack();
    });

    it('should never redeliver a terminated message, and count it acknowledged', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.addConsumer(name, consumerConfig({ durable: 'term' }));
      await backend.publish(`${prefix}.x`, te.encode('poison'), OPTS);
      await backend.publish(`${prefix}.x`, te.encode('next'), OPTS);
      const [poison] = await take(backend, name, 'term', 1);
      poison!.term();
      const rest = await take(backend, name, 'term', 5, 1500);
      assert.deepEqual(rest.map(text), ['next']);
      rest[0]!.ack();
      await waitUntil(async () => (await backend.consumerInfo(name, 'term')).state.ackFloorStreamSeq === 2, { what: 'both settled', timeout: 5000 });
    });

    it('should redeliver a message not acknowledged within the ack wait', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.addConsumer(name, consumerConfig({ durable: 'slow', ackWait: 1000 }));
      await backend.publish(`${prefix}.x`, te.encode('late'), OPTS);
      const since = Date.now();
      const [first] = await take(backend, name, 'slow', 1);
      assert.equal(first!.info.deliveryCount, 1);
      const [again] = await takeN(backend, name, 'slow', 1);
      assert.ok(Date.now() - since >= 900, `redelivered after ${Date.now() - since} ms`);
      assert.deepEqual([again!.info.streamSequence, again!.info.deliveryCount], [1, 2]);
      again!.ack();
    });

    it('should stop delivering a message after max deliver, and go on with the next', async () => {
      const { backend, transport } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      await backend.addConsumer(name, consumerConfig({ durable: 'capped', maxDeliver: 2 }));
      const advisories: unknown[] = [];
      transport.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${name}.capped`, (m) => advisories.push(JSON.parse(td.decode(m.data))));
      await transport.flush();
      await backend.publish(`${prefix}.x`, te.encode('poison'), OPTS);
      await backend.publish(`${prefix}.x`, te.encode('good'), OPTS);
      const deliveries: Array<[string, number]> = [];
      const poison = (): number[] => deliveries.filter(([t]) => t === 'poison').map(([, n]) => n);
      const deadline = Date.now() + 15_000;
      // the server handles acks apart from pulls, so 'good' may overtake the nak'ed 'poison'
      while ((poison().length < 2 || !deliveries.some(([t]) => t === 'good')) && Date.now() < deadline) {
        for (const m of await take(backend, name, 'capped', 1, 1000)) {
          deliveries.push([text(m), m.info.deliveryCount]);
          if (text(m) === 'poison') m.nak();
          else m.ack();
        }
      }
      assert.deepEqual(await take(backend, name, 'capped', 1, 1000), [], 'poison is not delivered a third time');
      assert.deepEqual(poison(), [1, 2]);
      assert.deepEqual(deliveries.filter(([t]) => t === 'good'), [['good', 1]]);
      await waitUntil(() => advisories.length === 1, { what: 'the max deliveries advisory', timeout: 5000 });
      assert.deepEqual(pick(advisories[0], ['stream', 'consumer', 'stream_seq', 'deliveries']), { stream: name, consumer: 'capped', stream_seq: 1, deliveries: 2 });
    });
  });

  describe('an ordered consumer', () => {
    it('should deliver every message once, in stream order, including those published after it started', async () => {
      const { backend } = await scope.connect();
      const { name, prefix } = await scope.stream(backend);
      for (let i = 1; i <= 3; i++) await backend.publish(`${prefix}.x`, te.encode(String(i)), OPTS);
      const sub = await backend.ordered(name, {});
      const got: number[] = [];
      const reading = (async () => {
        for await (const m of sub) {
          got.push(m.info.streamSequence);
          if (got.length === 6) break;
        }
      })();
      for (let i = 4; i <= 6; i++) await backend.publish(`${prefix}.x`, te.encode(String(i)), OPTS);
      await reading;
      sub.stop();
      assert.deepEqual(got, [1, 2, 3, 4, 5, 6]);
    });
  });
}

/**
 * What the backend interface promises beyond what nats-server does by itself. nats-server (2.9
 * and later) ignores a pull on a consumer that does not exist: no status, the pull just runs
 * out. The interface promises `ConsumerNotFoundError`, so a backend over a real server has to
 * find it out itself; these cases hold the backends to that.
 */
export function jetStreamInterfaceCases(scope: JetStreamScope): void {
  describe('the backend interface', () => {
    it('should make a pull on a consumer that does not exist fail with ConsumerNotFoundError', async () => {
      const { backend } = await scope.connect();
      const { name } = await scope.stream(backend);
      await assert.rejects(take(backend, name, 'missing', 1), (e: unknown) => ConsumerNotFoundError.is(e));
    });
  });
}

function pick(value: unknown, keys: string[]): Record<string, unknown> {
  const v = value as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, v[k]]));
}
