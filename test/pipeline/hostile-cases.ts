import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError, type ConnectionOptions, type Transport } from '../../src/index.js';
import { Test, waitUntil, type MemoryLogger, type TestingApp } from '../../src/testing/index.js';
import { BadModule, OverlapModule, seen } from './hostile-fixtures.js';

/** Where the apps of the cases run: a fresh transport (or NATS options) per app, one broker. */
export interface HostileTarget { transport(): Transport | ConnectionOptions }

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);

/** Everything logged, messages, fields and errors included, as one string to search. */
function logText(logs: MemoryLogger): string {
  return logs.lines().map((e) => JSON.stringify(e, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack, cause: String(v.cause) } : v))).join('\n');
}

async function failure(p: Promise<unknown>): Promise<RemoteError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof RemoteError, `expected a RemoteError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error reply');
}

/** The bad-body, bad-reply and overlapping-handler cases, the same on every transport. */
export function hostileCases(target: HostileTarget): void {
  describe('bad bodies and replies', () => {
    let app: TestingApp;
    before(async () => { app = await Test.createTestingModule({ imports: [BadModule] }).useTransport(target.transport()).withOptions({ name: 'bad' }).compile(); });
    after(() => app.close());

    describe('when JSON is nested 100,000 levels deep', () => {
      it('should answer 400 naming the limit, log nothing at error level, and warn once for an event', async () => {
        const err = await failure(app.request('bad.echo', bytes(deep(100_000))));
        assert.equal(err.code, 400);
        assert.equal(err.message, 'malformed payload: cannot decode as json: JSON nested deeper than 64 levels (at byte 64)');
        assert.equal(await app.request('bad.echo', bytes(deep(64))).then((v) => JSON.stringify(v)), deep(64));
        await app.publish('bad.echo', bytes(deep(100_000)));
        const stats = app.app.stats().find((s) => s.subject === 'bad.echo')!;
        await waitUntil(() => stats.failedEvents === 1, { what: 'the deep event to be counted' });
        assert.deepEqual(app.logs!.lines('error'), []);
        assert.equal(app.logs!.lines('warn').filter((l) => /nested deeper than 64/.test(l.message)).length, 1);
      });
    });

    describe('when the body is malformed JSON carrying a secret', () => {
      it('should answer 400 with where it went wrong, and quote the secret nowhere', async () => {
        const err = await failure(app.request('bad.echo', bytes('{"token":"s3cr3t-v4lue"')));
        assert.equal(err.code, 400);
        assert.match(err.message, /^malformed payload: cannot decode as json: not valid JSON/);
        const err2 = await failure(app.request('bad.echo', bytes('s3cr3t-v4lue')));
        await app.publish('bad.echo', bytes('s3cr3t-v4lue'));
        await waitUntil(() => app.logs!.lines('warn').some((l) => /rejected an event/.test(l.message)), { what: 'the rejected event to be logged' });
        for (const text of [err.message, String(JSON.stringify(err.details)), err2.message, logText(app.logs!)]) assert.doesNotMatch(text, /s3cr3t|v4lue|token/);
      });
    });

    describe('when a reply or published object has keys such as constructor, prototype or __proto__', () => {
      const body = '{"constructor":"c","prototype":{"a":1},"__proto__":{"admin":true},"list":[{"constructor":{"name":"X"}}]}';
      it('should reply with exactly those keys', async () => {
        assert.equal(await app.request('bad.echo', bytes(body), { replyCodec: 'string' }), body);
      });
      it('should publish exactly those keys', async () => {
        const got: string[] = [];
        const sub = app.client.subscribe('bad.relayed', (m) => { got.push(m.data as string); }, { codec: 'string' });
        await app.client.flush();
        assert.equal(await app.request('bad.relay', bytes(body)), 'ok');
        await waitUntil(() => got.length === 1, { what: 'the relayed message' });
        assert.equal(got[0], body);
        await sub.unsubscribe();
      });
    });

    describe('when a reply is larger than the max payload', () => {
      it('should answer 413 saying so, and warn', async () => {
        const err = await failure(app.request('bad.big', { size: 2 * 1024 * 1024 }));
        assert.equal(err.code, 413);
        assert.match(err.message, /^the reply of BadController\.big is \d+ bytes, more than the server's max payload of \d+ bytes$/);
        assert.ok(app.logs!.lines('warn').some((l) => l.message === err.message));
      });
    });

    describe('when a Panini error with a code is thrown anywhere in the pipeline', () => {
      const cases: Array<[string, number, RegExp]> = [
        ['bad.encode', 422, /cannot encode this/],
        ['bad.publish-too-big', 413, /exceeds the broker's maximum/],
        ['bad.middleware', 409, /from middleware/],
        ['bad.guard', 401, /from guard/],
        ['bad.interceptor', 413, /exceeds the broker's maximum of 5 bytes/],
        ['bad.filter', 418, /teapot/],
      ];
      for (const [subject, code, message] of cases) {
        it(`should keep its code ${code} on '${subject}'`, async () => {
          const err = await failure(app.request(subject, {}));
          assert.equal(err.code, code);
          assert.match(err.message, message);
        });
      }
    });

    describe('when an error code is outside 400-599', () => {
      for (const bad of [0, 'nan', 200, -404, 404.5, 1000]) {
        it(`should send 500 for ${bad} and warn naming the handler and the code`, async () => {
          const err = await failure(app.request('bad.code', { code: bad }));
          assert.equal(err.code, 500);
          const shown = bad === 'nan' ? 'NaN' : String(bad);
          assert.ok(app.logs!.lines('warn').some((l) => l.message.includes(`BadController.code answered 'bad.code' with the invalid error code ${shown}; sent 500`)));
        });
      }
      it('should do the same for a code chosen by a filter, and keep a 400-599 code as it is', async () => {
        assert.equal((await failure(app.request('bad.filter-code', {}))).code, 500);
        assert.ok(app.logs!.lines('warn').some((l) => l.message.includes('invalid error code 1000')));
        assert.equal((await failure(app.request('bad.code', { code: 503 }))).code, 503);
      });
      it('should answer a plain error with an odd code property as a bare 500', async () => {
        const err = await failure(app.request('bad.plain-code', {}));
        assert.deepEqual([err.code, err.message], [500, 'internal error']);
      });
    });
  });

  describe('several handlers on one subject', () => {
    const apps: TestingApp[] = [];
    before(async () => {
      for (let i = 0; i < 2; i++) apps.push(await Test.createTestingModule({ imports: [OverlapModule] }).useTransport(target.transport()).withOptions({ name: 'ovl' }).compile());
    });
    after(async () => { for (const a of apps) await a.close(); });

    it('should give every overlapping handler every event once per service, shared between the instances', async () => {
      Object.assign(seen, { usersA: 0, usersB: 0, exact: 0, wildcard: 0 });
      for (let n = 0; n < 40; n++) { apps[0]!.client.publish('users.created', { n }); apps[0]!.client.publish('core.test', { n }); }
      await apps[0]!.client.flush();
      await waitUntil(() => seen.usersA === 40 && seen.usersB === 40 && seen.exact === 40 && seen.wildcard === 40, { what: '40 events for each handler', timeout: 5000 });
      for (const h of ['UsersA.created', 'UsersB.created', 'CoreController.exact', 'CoreController.wildcard']) {
        const per = apps.map((a) => a.app.stats().find((s) => s.handler === h)!);
        assert.equal(per[0]!.queue, `ovl.${h}`);
        assert.ok(per.every((s) => s.received > 0), `${h} ran on one instance only`);
        assert.equal(per[0]!.received + per[1]!.received, 40, h);
      }
      assert.equal(apps[0]!.app.stats().find((s) => s.handler === 'ResponderController.get')!.queue, 'ovl.ResponderController.get');
    });

    it('should warn at start-up about handlers that could both answer, naming both and how to fix it', () => {
      const warnings = apps[0]!.logs!.lines('warn').map((l) => l.message).filter((m) => /both answer/.test(m));
      assert.deepEqual(warnings.map((m) => m.split(' can both')[0]).sort(), [
        "CoreController.exact ('core.test') and CoreController.wildcard ('core.*')",
        "UsersA.created ('users.created') and UsersB.created ('users.created')",
      ]);
      assert.match(warnings[0]!, /narrow one of the subjects, or make the one that should not answer observe-only with \{ reply: false \}/);
    });

    it('should never let an observe-only listener answer a request, and treat its errors as an event\'s', async () => {
      seen.audit = 0;
      for (let n = 0; n < 20; n++) assert.deepEqual(await apps[0]!.request('obs.get', { n }), { n, by: 'responder' });
      await waitUntil(() => seen.audit === 20, { what: 'the audit listener to see 20 requests' });
      const failedEvents = () => apps.map((a) => a.app.stats().find((s) => s.handler === 'AuditController.audit')!.failedEvents).reduce((x, y) => x + y);
      await waitUntil(() => failedEvents() === 10, { what: 'the odd requests to count as failed events' });
      const warned = apps.flatMap((a) => a.logs!.lines('warn')).filter((l) => /AuditController\.audit rejected an event on 'obs\.get': odd numbers/.test(l.message));
      assert.equal(warned.length, 10);
    });
  });
}
