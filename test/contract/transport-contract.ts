import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@nats-io/transport-node';
import {
  Controller, Ctx, Headers, InvalidSubjectError, Module, NoRespondersError, PayloadTooLargeError, RequestTimeoutError, Subject, TransportClosedError,
  type InboundMessage, type MessageContext, type Transport,
} from '../../src/index.js';
import { waitUntil } from '../../src/testing/index.js';
import { flushAll, type ContractScope } from './contract-target.js';

const te = new TextEncoder();
const td = new TextDecoder();

/** Subscribes and keeps what arrives; flushed, so a publish from another connection is seen. */
async function listen(t: Transport, subject: string, queue?: string): Promise<InboundMessage[]> {
  const got: InboundMessage[] = [];
  t.subscribe(subject, (m) => got.push(m), { queue });
  await t.flush();
  return got;
}

/** Answers every request on `subject` with its payload reversed, and its headers echoed. */
async function respond(t: Transport, subject: string): Promise<void> {
  t.subscribe(subject, (m) => {
    if (m.reply) t.publish(m.reply, Uint8Array.from(m.data).reverse(), { headers: { 'X-Echo': JSON.stringify(m.headers ?? null) } });
  });
  await t.flush();
}

/** NATS semantics of the transport itself: routing, queue groups, requests, headers, limits. */
export function transportCases(scope: ContractScope): void {
  describe('subject matching', () => {
    const cases: Array<[string, string[], string[]]> = [
      ['a.b', ['a.b'], ['a', 'a.b.c', 'a.c', 'x.b']],
      ['a.*', ['a.b', 'a.c'], ['a', 'a.b.c', 'b.a']],
      ['a.*.c', ['a.b.c', 'a.x.c'], ['a.c', 'a.b.d', 'a.b.c.d']],
      ['a.>', ['a.b', 'a.b.c', 'a.b.c.d'], ['a', 'b.a']],
      ['*.>', ['a.b', 'x.y.z'], ['a']],
    ];
    for (const [pattern, yes, no] of cases) {
      it(`should deliver to '${pattern}' exactly ${yes.join(', ')} and none of ${no.join(', ')}`, async () => {
        const [sub, pub] = [await scope.connect(), await scope.connect()];
        const got = await listen(sub, pattern);
        for (const s of [...no, ...yes]) pub.publish(s, te.encode(s));
        await waitUntil(() => got.length >= yes.length, { what: `${yes.length} messages on '${pattern}'` });
        await flushAll(pub, sub);
        assert.deepEqual(got.map((m) => m.subject), yes);
        assert.deepEqual(got.map((m) => td.decode(m.data)), yes);
      });
    }
  });

  describe('queue groups', () => {
    describe('when several members share a group', () => {
      it('should hand each message to exactly one member, and spread them over several members', async () => {
        const pub = await scope.connect();
        const members = [await scope.connect(), await scope.connect(), await scope.connect()];
        const got = await Promise.all(members.map((m) => listen(m, 'work.do', 'workers')));
        for (let i = 0; i < 30; i++) pub.publish('work.do', te.encode(String(i)));
        await waitUntil(() => got.flat().length >= 30, { what: '30 deliveries' });
        await flushAll(pub, ...members);
        const all = got.flat().map((m) => Number(td.decode(m.data))).sort((a, b) => a - b);
        assert.deepEqual(all, Array.from({ length: 30 }, (_, i) => i));
        assert.ok(got.filter((g) => g.length > 0).length >= 2, `only one member was used: ${got.map((g) => g.length).join('/')}`);
      });
    });

    describe('when two members of one group each listen on two subjects, published alternately', () => {
      it("should spread each subject's messages over both members", async () => {
        const pub = await scope.connect();
        const members = [await scope.connect(), await scope.connect()];
        const got = await Promise.all(members.map(async (m) => ({ a: await listen(m, 'mix.a', 'mixers'), b: await listen(m, 'mix.b', 'mixers') })));
        for (let i = 0; i < 40; i++) {
          pub.publish('mix.a', te.encode(String(i)));
          pub.publish('mix.b', te.encode(String(i)));
        }
        const count = (s: 'a' | 'b') => got.reduce((n, g) => n + g[s].length, 0);
        await waitUntil(() => count('a') >= 40 && count('b') >= 40, { what: '40 deliveries on each subject' });
        await flushAll(pub, ...members);
        assert.deepEqual([count('a'), count('b')], [40, 40]);
        const spread = got.map((g) => `${g.a.length}/${g.b.length}`).join(' and ');
        // nats-server picks a member at random: over 40 messages each member gets some of each subject
        assert.ok(got.every((g) => g.a.length > 0 && g.b.length > 0), `a subject stayed on one member (a/b per member: ${spread})`);
      });
    });

    describe('when two groups and two plain subscribers listen', () => {
      it('should give each group one copy and every plain subscriber its own copy', async () => {
        const pub = await scope.connect();
        const conns = [await scope.connect(), await scope.connect()];
        const a = [await listen(conns[0]!, 'fan.out', 'a'), await listen(conns[1]!, 'fan.out', 'a')];
        const b = [await listen(conns[0]!, 'fan.out', 'b'), await listen(conns[1]!, 'fan.out', 'b')];
        const plain = [await listen(conns[0]!, 'fan.out'), await listen(conns[1]!, 'fan.*')];
        for (let i = 0; i < 10; i++) pub.publish('fan.out', te.encode(String(i)));
        await waitUntil(() => a.flat().length >= 10 && b.flat().length >= 10 && plain.every((p) => p.length >= 10), { what: 'every copy' });
        await flushAll(pub, ...conns);
        assert.equal(a.flat().length, 10);
        assert.equal(b.flat().length, 10);
        assert.deepEqual(plain.map((p) => p.length), [10, 10]);
      });
    });
  });

  describe('request/reply', () => {
    describe('when a responder listens', () => {
      it('should deliver the reply to the requester, sent from an inbox', async () => {
        const [responder, requester] = [await scope.connect(), await scope.connect()];
        let reply: string | undefined;
        responder.subscribe('svc.rev', (m) => { reply = m.reply; responder.publish(m.reply!, Uint8Array.from(m.data).reverse()); });
        await responder.flush();
        const answer = await requester.request('svc.rev', te.encode('abc'), { timeout: 2000 });
        assert.equal(td.decode(answer.data), 'cba');
        assert.match(reply ?? '', /^_INBOX\./);
      });
    });

    describe('when nobody listens', () => {
      it('should fail at once with NoRespondersError rather than wait for the timeout', async () => {
        const requester = await scope.connect();
        const started = Date.now();
        await assert.rejects(requester.request('nobody.home', te.encode('x'), { timeout: 5000 }), (e: unknown) => e instanceof NoRespondersError && e.code === 503 && e.subject === 'nobody.home');
        assert.ok(Date.now() - started < 2000, 'no-responders took as long as a timeout');
      });
    });

    describe('when the responder stays silent', () => {
      it('should reject with RequestTimeoutError after the timeout', async () => {
        const [silent, requester] = [await scope.connect(), await scope.connect()];
        await listen(silent, 'svc.silent');
        await assert.rejects(requester.request('svc.silent', te.encode('x'), { timeout: 60 }), (e: unknown) => e instanceof RequestTimeoutError && e.code === 504 && e.timeout === 60);
      });
    });
  });

  describe('headers', () => {
    it('should carry request headers to the responder and reply headers back', async () => {
      const [responder, requester] = [await scope.connect(), await scope.connect()];
      await respond(responder, 'svc.hdr');
      const answer = await requester.request('svc.hdr', te.encode('x'), { timeout: 2000, headers: { 'X-Trace': 'abc', 'x-lower': 'v 1' } });
      assert.deepEqual(JSON.parse(answer.headers?.['X-Echo'] ?? 'null'), { 'X-Trace': 'abc', 'x-lower': 'v 1' });
    });

    it('should carry headers on events, and none when none were sent', async () => {
      const [sub, pub] = [await scope.connect(), await scope.connect()];
      const got = await listen(sub, 'evt.hdr');
      pub.publish('evt.hdr', te.encode('1'), { headers: { 'Nats-Msg-Id': 'm-1' } });
      pub.publish('evt.hdr', te.encode('2'));
      await waitUntil(() => got.length === 2, { what: 'two events' });
      assert.deepEqual(got[0]!.headers, { 'Nats-Msg-Id': 'm-1' });
      assert.equal(got[1]!.headers, undefined);
    });
  });

  describe('header rules', () => {
    for (const [what, headers] of [['a space in a name', { 'bad key': 'v' }], ['a colon in a name', { 'k:x': 'v' }], ['a line break in a value', { k: 'a\nb' }]] as const) {
      it(`should refuse ${what} with the client's InvalidArgumentError`, async () => {
        const t = await scope.connect();
        assert.throws(() => t.publish('hdr.bad', te.encode('x'), { headers }), (e: unknown) => e instanceof errors.InvalidArgumentError && /^'header' /.test(e.message));
      });
    }

    it('should trim values, keep names as written, and send no headers for an empty record', async () => {
      const [sub, pub] = [await scope.connect(), await scope.connect()];
      const got = await listen(sub, 'hdr.shape');
      pub.publish('hdr.shape', te.encode('1'), { headers: { 'X-Pad': '  v  ', K: 'a', k: 'b', e: '' } });
      pub.publish('hdr.shape', te.encode('2'), { headers: {} });
      await waitUntil(() => got.length === 2, { what: 'two messages' });
      assert.deepEqual(got[0]!.headers, { 'X-Pad': 'v', K: 'a', k: 'b', e: '' });
      assert.equal(got[1]!.headers, undefined);
    });
  });

  describe('subject rules', () => {
    for (const bad of ['', 'a..b', '.a', 'a.', 'a b', 'a\tb', 'a.*', 'a.>', '>']) {
      it(`should refuse to publish or request on ${JSON.stringify(bad)} with InvalidSubjectError`, async () => {
        const t = await scope.connect();
        assert.throws(() => t.publish(bad, te.encode('x')), InvalidSubjectError);
        assert.throws(() => void t.request(bad, te.encode('x'), { timeout: 100 }), InvalidSubjectError);
      });
    }
    for (const bad of ['', 'a..b', 'a.>.b', 'a b']) {
      it(`should refuse to subscribe to ${JSON.stringify(bad)} with InvalidSubjectError`, async () => {
        const t = await scope.connect();
        assert.throws(() => t.subscribe(bad, () => undefined), InvalidSubjectError);
      });
    }
  });

  describe('max payload', () => {
    it("should report the broker's limit of 1 MiB", async () => {
      assert.equal((await scope.connect()).maxPayload, 1024 * 1024);
    });

    it('should refuse a payload one byte over the limit with PayloadTooLargeError', async () => {
      const t = await scope.connect();
      const big = new Uint8Array(t.maxPayload + 1);
      assert.throws(() => t.publish('big.one', big), (e: unknown) => e instanceof PayloadTooLargeError && e.code === 413 && e.size === t.maxPayload + 1);
      assert.throws(() => void t.request('big.one', big, { timeout: 100 }), PayloadTooLargeError);
    });

    it('should count headers in the limit, as the server does', async () => {
      const [sub, pub] = [await scope.connect(), await scope.connect()];
      const headers = { 'x-trace': 'abc' };
      const headerBytes = 'NATS/1.0\r\nx-trace: abc\r\n\r\n'.length;
      assert.throws(() => pub.publish('big.headers', new Uint8Array(pub.maxPayload - headerBytes + 1), { headers }), (e: unknown) => e instanceof PayloadTooLargeError && e.size === pub.maxPayload + 1);
      const got = await listen(sub, 'big.headers');
      pub.publish('big.headers', new Uint8Array(pub.maxPayload - headerBytes), { headers });
      await waitUntil(() => got.length === 1, { what: 'the message at the limit with headers' });
      assert.equal(got[0]!.headers?.['x-trace'], 'abc');
    });

    it('should deliver a payload of exactly the limit', async () => {
      const [sub, pub] = [await scope.connect(), await scope.connect()];
      const got = await listen(sub, 'big.exact');
      pub.publish('big.exact', new Uint8Array(pub.maxPayload).fill(7));
      await waitUntil(() => got.length === 1, { what: 'the big message' });
      assert.equal(got[0]!.data.length, pub.maxPayload);
      assert.equal(got[0]!.data[pub.maxPayload - 1], 7);
    });
  });

  describe('closing with a request still waiting for its reply', () => {
    for (const how of ['close', 'drain'] as const) {
      it(`should reject it at ${how}() with TransportClosedError, not leave it unsettled`, async () => {
        const [responder, requester] = [await scope.connect(), await scope.connect()];
        const heard = await listen(responder, 'slow.never'); // receives, never answers
        const pending = requester.request('slow.never', te.encode('x'), { timeout: 60_000 });
        await waitUntil(() => heard.length === 1, { what: 'the request to arrive' });
        await requester[how]();
        await assert.rejects(pending, TransportClosedError);
      });
    }
  });

  describe('header names', () => {
    it('should be found in any case by @Headers(name), ctx.header() and the request id, the record kept as sent', async () => {
      const app = await scope.app({ imports: [HeaderCaseModule] });
      const got = await app.request<Record<string, unknown>>('case.headers', {}, { headers: { 'X-Tenant': 'acme', 'nats-request-id': 'r-42' } });
      assert.deepEqual(got, { tenant: 'acme', viaCtx: 'acme', requestId: 'r-42', names: ['X-Tenant', 'nats-request-id'] });
    });
  });
}

@Controller('case')
class HeaderCaseController {
  @Subject('headers')
  headers(@Headers('x-tenant') tenant: string, @Ctx() ctx: MessageContext) {
    return { tenant, viaCtx: ctx.header('X-TENANT'), requestId: ctx.requestId, names: Object.keys(ctx.headers).sort() };
  }
}

@Module({ controllers: [HeaderCaseController] })
class HeaderCaseModule {}
