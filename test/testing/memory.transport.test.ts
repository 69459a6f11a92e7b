import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PayloadTooLargeError, type InboundMessage, type TransportEvent } from '../../src/index.js';
import { MemoryBroker, MemoryTransport, TransportClosedError } from '../../src/testing/index.js';

const te = new TextEncoder();
const td = new TextDecoder();

async function connected(options?: ConstructorParameters<typeof MemoryTransport>[0]): Promise<MemoryTransport> {
  const t = new MemoryTransport(options);
  await t.connect();
  return t;
}

describe('MemoryTransport', () => {
  describe('when a message is published', () => {
    it('should deliver it later, never inside publish, and in publish order', async () => {
      const t = await connected();
      const got: string[] = [];
      t.subscribe('seq', (m) => got.push(td.decode(m.data)));
      for (let i = 0; i < 5; i++) t.publish('seq', te.encode(String(i)));
      assert.deepEqual(got, []);
      await t.flush();
      assert.deepEqual(got, ['0', '1', '2', '3', '4']);
      await t.close();
    });

    it('should give the receiver its own copy of the bytes', async () => {
      const t = await connected();
      const got: InboundMessage[] = [];
      t.subscribe('copy', (m) => got.push(m));
      const data = te.encode('abc');
      t.publish('copy', data);
      data[0] = 0;
      await t.flush();
      assert.equal(td.decode(got[0]!.data), 'abc');
      await t.close();
    });
  });

  describe('when a queue group has several members', () => {
    it('should take turns between them', async () => {
      const t = await connected();
      const counts = [0, 0, 0];
      counts.forEach((_, i) => t.subscribe('rr', () => counts[i]!++, { queue: 'q' }));
      for (let i = 0; i < 6; i++) t.publish('rr', te.encode('x'));
      await t.flush();
      assert.deepEqual(counts, [2, 2, 2]);
      await t.close();
    });
  });

  describe('when a subscription is unsubscribed with messages still queued', () => {
    it('should drop them, as NATS does', async () => {
      const t = await connected();
      let calls = 0;
      const sub = t.subscribe('drop', () => calls++);
      t.publish('drop', te.encode('x'));
      sub.unsubscribe();
      await t.flush();
      assert.equal(calls, 0);
      await t.close();
    });
  });

  describe('when a subscription is drained with messages still queued', () => {
    it('should hand them over, resolve, and take no new ones', async () => {
      const t = await connected();
      const got: string[] = [];
      const sub = t.subscribe('drain', (m) => got.push(td.decode(m.data)));
      t.publish('drain', te.encode('1'));
      t.publish('drain', te.encode('2'));
      await sub.drain();
      assert.deepEqual(got, ['1', '2']);
      t.publish('drain', te.encode('3'));
      await t.flush();
      assert.deepEqual(got, ['1', '2']);
      await t.close();
    });
  });

  describe('when the transport is drained', () => {
    it('should deliver what was already published, then close', async () => {
      const t = await connected();
      const got: string[] = [];
      const events: string[] = [];
      t.onEvent((e) => events.push(e.type));
      t.subscribe('bye', (m) => got.push(td.decode(m.data)));
      t.publish('bye', te.encode('last'));
      await t.drain();
      assert.deepEqual(got, ['last']);
      assert.equal(t.state, 'closed');
      assert.deepEqual(events, ['closed']);
    });
  });

  describe('when a subscriber callback throws', () => {
    it('should report an error event and still deliver to the others', async () => {
      const t = await connected();
      const events: TransportEvent[] = [];
      t.onEvent((e) => events.push(e));
      let other = 0;
      t.subscribe('boom', () => { throw new Error('bad callback'); });
      t.subscribe('boom', () => other++);
      t.publish('boom', te.encode('x'));
      await t.flush();
      assert.equal(other, 1);
      assert.equal(events[0]?.type, 'error');
      assert.equal(events[0]?.error?.message, 'bad callback');
      await t.close();
    });
  });

  describe('when it is not connected', () => {
    it('should refuse to publish, subscribe or request with TransportClosedError', async () => {
      const t = new MemoryTransport();
      assert.throws(() => t.publish('a', te.encode('x')), /not connected yet: call app.start\(\)/);
      assert.throws(() => t.subscribe('a', () => undefined), TransportClosedError);
      await t.connect();
      await t.close();
      assert.throws(() => t.publish('a', te.encode('x')), TransportClosedError);
    });
  });

  describe('when it closes with a request pending', () => {
    it('should reject the request at once instead of at its timeout', async () => {
      const [broker] = [new MemoryBroker()];
      const responder = await connected({ broker });
      const requester = await connected({ broker });
      responder.subscribe('slow', () => undefined);
      const pending = requester.request('slow', te.encode('x'), { timeout: 60_000 });
      await requester.flush();
      await requester.close();
      await assert.rejects(pending, TransportClosedError);
      await responder.close();
    });
  });

  describe('when a max payload is set', () => {
    it('should refuse anything larger with the NATS client error', async () => {
      const t = await connected({ maxPayload: 10 });
      assert.equal(t.maxPayload, 10);
      t.publish('small', new Uint8Array(10));
      assert.throws(() => t.publish('small', new Uint8Array(11)), PayloadTooLargeError);
      await t.close();
    });

    it('should refuse a transport limit that differs from the broker it joins', () => {
      assert.throws(() => new MemoryTransport({ broker: new MemoryBroker(), maxPayload: 10 }), /belongs to the broker/);
    });
  });

  describe('when two transports share a broker', () => {
    it('should name the broker in servers, and route between them', async () => {
      const broker = new MemoryBroker({ name: 'shared' });
      const [a, b] = [await connected({ broker }), await connected({ broker })];
      assert.deepEqual(a.servers, ['memory://shared']);
      b.subscribe('hello', (m) => b.publish(m.reply!, te.encode('hi')));
      const reply = await a.request('hello', new Uint8Array(0), { timeout: 1000 });
      assert.equal(td.decode(reply.data), 'hi');
      await Promise.all([a.close(), b.close()]);
      assert.equal(broker.subscriptionCount, 0);
    });
  });
});

describe('MemoryTransport.flush', () => {
  describe('when subscribers keep publishing as they receive', () => {
    it('should resolve once what was published before the call was delivered', async () => {
      const t = await connected();
      let hops = 0;
      t.subscribe('ping.pong', () => { hops++; t.publish('ping.pong', te.encode('again')); });
      t.publish('ping.pong', te.encode('start'));
      await t.flush();
      // the message published by the first delivery came after the call: it does not hold flush up
      assert.equal(hops, 1);
      await t.flush();
      assert.equal(hops, 2);
      await t.close();
    });
  });
});
