import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, redactString, serializeError, toLogFields, toLogValue, type SerializedError } from '../../src/logging/redact.js';

describe('redaction', () => {
  describe('when meta holds connection options with secrets, at any depth', () => {
    it('should mask passwords, tokens, nkeys, seeds and creds and keep the rest', () => {
      const out = toLogFields({
        servers: ['nats://a:4222'],
        user: 'svc',
        pass: 'hunter2',
        token: 't0k3n',
        nkey: 'SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4',
        nested: { auth: { password: 'p', apiKey: 'k', seed: 's', credsFile: '/x.creds', Authorization: 'Bearer x' } },
        list: [{ secret: 'x', name: 'ok' }],
      });
      assert.equal(out['user'], 'svc');
      assert.deepEqual(out['servers'], ['nats://a:4222']);
      for (const key of ['pass', 'token', 'nkey']) assert.equal(out[key], MASK, key);
      assert.deepEqual(out['nested'], { auth: { password: MASK, apiKey: MASK, seed: MASK, credsFile: MASK, Authorization: MASK } });
      assert.deepEqual(out['list'], [{ secret: MASK, name: 'ok' }]);
    });
  });

  describe('when a string carries credentials', () => {
    it('should mask a URL user and password', () => {
      assert.equal(redactString('connecting to nats://svc:hunter2@nats.internal:4222 now'), `connecting to nats://${MASK}@nats.internal:4222 now`);
    });
    it('should mask an nkey seed and a PEM private key', () => {
      const seed = 'SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4';
      assert.equal(redactString(`seed is ${seed}.`), `seed is ${MASK}.`);
      assert.equal(redactString('key: -----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY----- end'), `key: ${MASK} end`);
    });
    it('should leave ordinary text alone', () => {
      assert.equal(redactString('user created: a@b.c'), 'user created: a@b.c');
    });
  });

  describe('when an error with a cause chain is logged', () => {
    it('should keep name, message, stack, code and every cause', () => {
      const root = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
      const err = new TypeError('cannot save order', { cause: new Error('db down', { cause: root }) });
      const out = serializeError(err);
      assert.equal(out.name, 'TypeError');
      assert.equal(out.message, 'cannot save order');
      assert.match(out.stack!, /TypeError: cannot save order\n\s+at /);
      const cause = out.cause as SerializedError;
      assert.equal(cause.message, 'db down');
      assert.equal((cause.cause as SerializedError).code, 'ECONNREFUSED');
    });
    it('should mask secrets in the error fields and message', () => {
      const err = Object.assign(new Error('auth failed for nats://u:p@host'), { token: 'abc' });
      const out = serializeError(err);
      assert.equal(out.message, `auth failed for nats://${MASK}@host`);
      assert.equal(out['token'], MASK);
      assert.doesNotMatch(out.stack!, /u:p@/);
    });
    it('should list the errors of an AggregateError', () => {
      const out = serializeError(new AggregateError([new Error('a'), new Error('b')], 'both failed'));
      assert.deepEqual((out.errors as SerializedError[]).map((e) => e.message), ['a', 'b']);
    });
  });

  describe('when values cannot be written as JSON as they are', () => {
    it('should cut cycles, keep dates, bigints and buffers readable', () => {
      const a: Record<string, unknown> = { n: 1n, at: new Date(0), buf: Buffer.from('abc'), fn: function named() {} };
      a['self'] = a;
      assert.deepEqual(toLogValue(a), { n: '1', at: '1970-01-01T00:00:00.000Z', buf: '[Buffer 3 bytes]', fn: '[Function named]', self: '[Circular]' });
    });
    it('should stop at a bounded depth', () => {
      let deep: Record<string, unknown> = { leaf: true };
      for (let i = 0; i < 20; i++) deep = { deep };
      assert.match(JSON.stringify(toLogValue(deep)), /"\[Object cut at depth 8\]"/);
    });
    it('should use toJSON and turn maps and sets into objects and arrays', () => {
      assert.deepEqual(toLogValue({ m: new Map([['k', { pass: 'x' }]]), s: new Set([1, 2]), j: { toJSON: () => 'J' } }), { m: { k: { pass: MASK } }, s: [1, 2], j: 'J' });
    });
  });
});
