import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MessageContext, PayloadTooLargeError, ServiceError, jsonCodec, type HandlerStats, type InboundMessage, type SubjectOptions, type Transport } from '../../src/index.js';
import { CoreNatsPolicy, type HandlerDefinition } from '../../src/internal.js';
import type { PublishOptions } from '../../src/transport/transport.js';
import { MemoryLogger } from '../../src/testing/index.js';

interface Sent { subject: string; body: string; headers?: Record<string, string> }

/** Records what was published; `refuse` makes the next publishes throw what it returns. */
function fakeTransport(refuse?: (subject: string, data: Uint8Array, sent: number) => Error | undefined) {
  const sent: Sent[] = [];
  let calls = 0;
  const transport = {
    publish(subject: string, data: Uint8Array, options?: PublishOptions) {
      const err = refuse?.(subject, data, calls++);
      if (err) throw err;
      sent.push({ subject, body: new TextDecoder().decode(data), headers: options?.headers });
    },
  } as unknown as Transport;
  return { transport, sent };
}

function setup(options: SubjectOptions = {}, refuse?: Parameters<typeof fakeTransport>[0]) {
  const def = { name: 'Orders.create', subject: 'orders.create', options, tokens: [] } as unknown as HandlerDefinition;
  const stats = { failedEvents: 0 } as HandlerStats;
  const log = new MemoryLogger();
  const { transport, sent } = fakeTransport(refuse);
  const policy = new CoreNatsPolicy({ def, transport, log, codec: jsonCodec, stats });
  const ctx = (msg: Partial<InboundMessage> = {}) => new MessageContext({ subject: 'orders.create', data: new TextEncoder().encode('{"a":1}'), ...msg }, def, 'svc');
  return { policy, sent, stats, log, ctx };
}

const failure = (code: number, message: string, details?: unknown) => ({ ok: false as const, code, body: details === undefined ? { code, message } : { code, message, details }, error: new ServiceError(code, message) });

describe('CoreNatsPolicy', () => {
  describe('when a request succeeds', () => {
    it('should reply with the encoded result and the reply headers the handler set', () => {
      const { policy, sent, ctx } = setup();
      const c = ctx({ reply: '_INBOX.1' });
      c.setReplyHeader('X-Served-By', 'a');
      assert.equal(policy.settle(c, { ok: true, result: { id: 7 } }), 'answered');
      assert.deepEqual(sent, [{ subject: '_INBOX.1', body: '{"id":7}', headers: { 'X-Served-By': 'a' } }]);
    });

    it('should hand back a 413 failure, logged as a warning, when the reply is larger than the max payload', () => {
      const { policy, sent, log, ctx } = setup({}, () => new PayloadTooLargeError(2000, 1024));
      const settled = policy.settle(ctx({ reply: '_INBOX.1' }), { ok: true, result: 'x'.repeat(2000) });
      assert.ok(typeof settled === 'object' && settled.failed instanceof ServiceError);
      assert.equal((settled.failed as ServiceError).code, 413);
      assert.deepEqual(sent, []);
      assert.match(log.lines('warn')[0]!.message, /reply of Orders\.create is 2000 bytes/);
    });

    it('should hand back a 500 failure when the result cannot be encoded', () => {
      const { policy, ctx } = setup();
      const settled = policy.settle(ctx({ reply: '_INBOX.1' }), { ok: true, result: { n: 10n } });
      assert.ok(typeof settled === 'object');
      assert.equal((settled.failed as ServiceError).code, 500);
    });
  });

  describe('when an event succeeds, or the handler only observes', () => {
    it('should send nothing', () => {
      const event = setup();
      assert.equal(event.policy.settle(event.ctx(), { ok: true, result: 1 }), 'silent');
      const observer = setup({ reply: false });
      assert.equal(observer.policy.settle(observer.ctx({ reply: '_INBOX.1' }), { ok: true, result: 1 }), 'silent');
      assert.equal(observer.policy.settle(observer.ctx({ reply: '_INBOX.1' }), failure(400, 'bad')), 'silent');
      assert.deepEqual([...event.sent, ...observer.sent], []);
    });
  });

  describe('when a request fails', () => {
    it('should answer with the error headers and body, its message folded to one header line', () => {
      const { policy, sent, ctx, log } = setup();
      assert.equal(policy.settle(ctx({ reply: '_INBOX.1' }), failure(422, 'first line\nsecond line')), 'answered');
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0]!.headers, { 'Nats-Service-Error': 'first line second line', 'Nats-Service-Error-Code': '422' });
      assert.deepEqual(JSON.parse(sent[0]!.body), { error: { code: 422, message: 'first line\nsecond line' } });
      assert.equal(log.lines('debug').length, 1);
    });

    it('should answer without details when the details cannot be sent', () => {
      const { policy, sent, ctx } = setup({}, (_s, _d, n) => (n === 0 ? new PayloadTooLargeError(5000, 1024) : undefined));
      assert.equal(policy.settle(ctx({ reply: '_INBOX.1' }), failure(400, 'invalid', { big: 'x' })), 'answered');
      assert.deepEqual(JSON.parse(sent[0]!.body), { error: { code: 400, message: 'invalid' } });
    });

    it('should answer an empty reply when a filter swallowed the error', () => {
      const { policy, sent, ctx } = setup();
      assert.equal(policy.settle(ctx({ reply: '_INBOX.1' }), { ok: false, code: 500, body: null, error: new Error('x') }), 'answered');
      assert.deepEqual(sent, [{ subject: '_INBOX.1', body: '', headers: undefined }]);
    });

    it('should log a 5xx as an error', () => {
      const { policy, ctx, log } = setup();
      policy.settle(ctx({ reply: '_INBOX.1' }), failure(500, 'internal error'));
      assert.match(log.lines('error')[0]!.message, /Orders\.create failed on 'orders\.create'/);
    });
  });

  describe('when an event fails with a 4xx and the handler has invalidTo', () => {
    it('should count and log it, and dead-letter the record with folded error headers', () => {
      const { policy, sent, stats, ctx, log } = setup({ invalidTo: 'orders.invalid' });
      assert.equal(policy.settle(ctx({ headers: { 'X-Tenant': 't1' } }), failure(400, 'qty must be\r\na number')), 'silent');
      assert.equal(stats.failedEvents, 1);
      assert.equal(log.lines('warn').length, 1);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.subject, 'orders.invalid');
      assert.deepEqual(sent[0]!.headers, { 'Nats-Service-Error': 'qty must be a number', 'Nats-Service-Error-Code': '400' });
      assert.deepEqual(JSON.parse(sent[0]!.body), { subject: 'orders.create', handler: 'Orders.create', error: { code: 400, message: 'qty must be\r\na number' }, headers: { 'X-Tenant': 't1' }, payload: '{"a":1}' });
    });

    it('should not dead-letter a 5xx', () => {
      const { policy, sent, stats, ctx } = setup({ invalidTo: 'orders.invalid' });
      policy.settle(ctx(), failure(503, 'down'));
      assert.equal(stats.failedEvents, 1);
      assert.deepEqual(sent, []);
    });
  });

  describe('when a message is refused', () => {
    it('should answer a request with the refusal code, and tell the runner it did', () => {
      const { policy, sent } = setup();
      assert.equal(policy.refuse({ subject: 'orders.create', data: new Uint8Array(), reply: '_INBOX.9' }, { reason: 'overloaded', code: 503, message: 'busy' }), true);
      assert.deepEqual(sent, [{ subject: '_INBOX.9', body: '{"error":{"code":503,"message":"busy"}}', headers: { 'Nats-Service-Error': 'busy', 'Nats-Service-Error-Code': '503' } }]);
    });

    it('should drop an event, and a request to an observe-only handler', () => {
      const event = setup();
      assert.equal(event.policy.refuse({ subject: 'orders.create', data: new Uint8Array() }, { reason: 'shutting-down', code: 503, message: 'bye' }), false);
      const observer = setup({ reply: false });
      assert.equal(observer.policy.refuse({ subject: 'orders.create', data: new Uint8Array(), reply: '_INBOX.9' }, { reason: 'shutting-down', code: 503, message: 'bye' }), false);
      assert.deepEqual([...event.sent, ...observer.sent], []);
    });
  });

  describe('when the shutdown deadline passed', () => {
    it('should drop a late reply quietly instead of throwing', () => {
      const { policy, ctx, log } = setup({}, () => new Error('connection closed'));
      policy.abandoned();
      assert.equal(policy.settle(ctx({ reply: '_INBOX.1' }), { ok: true, result: 1 }), 'answered');
      assert.equal(log.lines('debug').length, 1);
    });
  });
});
