import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, prettyFormat } from '../../src/logging/log-format.js';
import { buildRecord, encodeRecord, fromWire, toWire } from '../../src/logging/log-record.js';
import { logScope } from '../../src/logging/log-scope.js';

const source = { service: 'orders', scoped: true };

describe('log formats', () => {
  describe('when a line is written as JSON', () => {
    it('should put timestamp, level and message first, then service, context, scope and meta', () => {
      const rec = logScope.run({ subject: 'orders.create', requestId: 'r-1' }, () => buildRecord(source, 'OrdersController', 'info', 'order created', { id: 7 }));
      const line = formatJson(rec);
      assert.deepEqual(Object.keys(JSON.parse(line)), ['timestamp', 'level', 'message', 'service', 'context', 'subject', 'requestId', 'id']);
      assert.match(line, /^\{"timestamp":"\d{4}-\d\d-\d\dT[\d:.]+Z","level":"info","message":"order created","service":"orders"/);
    });
    it('should include HTTP and task scope fields', () => {
      const rec = logScope.run({ service: 'api', method: 'GET', path: '/orders', task: 'cleanup', runId: 'run-9' }, () => buildRecord(source, undefined, 'info', 'x', undefined));
      const parsed = JSON.parse(formatJson(rec));
      assert.deepEqual([parsed.service, parsed.method, parsed.path, parsed.task, parsed.runId], ['api', 'GET', '/orders', 'cleanup', 'run-9']);
    });
    it('should rename meta fields that would overwrite level, message or timestamp', () => {
      const parsed = JSON.parse(formatJson(buildRecord(source, undefined, 'warn', 'real', { level: 'fake', message: 'fake', timestamp: 0 })));
      assert.equal(parsed.level, 'warn');
      assert.equal(parsed.message, 'real');
      assert.deepEqual([parsed._level, parsed._message, parsed._timestamp], ['fake', 'fake', 0]);
    });
    it('should give the same line after crossing to the worker', () => {
      const recs = [buildRecord(source, 'A', 'info', 'with \u0000 and "quotes"\nand lines', { a: [1, { b: 'c' }] }), buildRecord(source, undefined, 'error', 'two', new Error('e'))];
      assert.deepEqual(fromWire(toWire(recs)).map((r) => formatJson(r)), recs.map((r) => formatJson(r)));
      assert.deepEqual(fromWire(toWire(recs))[0]!.fields, recs[0]!.fields);
    });
  });

  describe('when a line is serialised straight for the worker', () => {
    const cases: Array<[string, Parameters<typeof buildRecord>]> = [
      ['plain meta', [source, 'A', 'info', 'hello', { id: 1, nested: { pass: 'x' } }]],
      ['no service or context', [{ service: undefined, scoped: true }, undefined, 'debug', 'bare', undefined]],
      ['an error', [source, 'A', 'error', 'failed', new Error('boom', { cause: new Error('root') })]],
      ['meta over a context field', [source, 'A', 'warn', 'override', { subject: 'mine', context: 'B' }]],
      ['reserved meta keys', [source, 'A', 'info', 'reserved', { level: 'x', message: 'y' }]],
      ['a URL with credentials', [source, 'A', 'info', 'to nats://u:p@h', { url: 'nats://u:p@h' }]],
      ['all kinds of values', [source, 'A', 'info', 'kinds', { n: 1.5, neg: -0, inf: Infinity, big: 10n, t: true, f: false, nil: null, skip: undefined, at: new Date(0), list: [1, 'x', { token: 't' }], quote: 'a "b"\n', pass: 'secret', fn: () => 1 }]],
      ['an error inside meta', [source, 'A', 'warn', 'nested error', { err: new Error('inner'), code: 7 }]],
      ['an error as the message', [source, 'A', 'error', new Error('as message') as unknown as string, { extra: 1 }]],
    ];
    for (const [name, args] of cases) {
      it(`should give the line the record path gives, with ${name}`, () => {
        const scope = { service: 'scoped', subject: 'orders.create', requestId: 'r-1', task: 't' };
        const [encoded, built] = logScope.run(scope, () => [encodeRecord(...args), buildRecord(...args)] as const);
        const afterTime = (line: string): string => line.slice(line.indexOf('"level"'));
        assert.equal(afterTime(formatJson(fromWire(encoded)[0]!)), afterTime(formatJson(built)));
      });
    }
  });

  describe('when a line is written for a terminal', () => {
    it('should show level, context, message and fields on one line, without color', () => {
      const rec = logScope.run({ subject: 'orders.create', requestId: 'r-1' }, () => buildRecord(source, 'OrdersController', 'info', 'order created', { id: 7, note: 'two words' }));
      assert.match(prettyFormat(false)(rec), /^\d\d:\d\d:\d\d\.\d{3} INFO  \[OrdersController\] order created subject=orders\.create requestId=r-1 id=7 note="two words"$/);
    });
    it('should follow an error with its stack and causes', () => {
      const err = new Error('cannot save', { cause: new Error('db down') });
      const text = prettyFormat(false)(buildRecord(source, undefined, 'error', 'failed', err));
      assert.match(text, /ERROR failed\n {4}Error: cannot save\n {8}at /);
      assert.match(text, /\n {4}caused by:\n {6}Error: db down\n/);
    });
    it('should color the level when asked', () => {
      assert.match(prettyFormat(true)(buildRecord(source, undefined, 'error', 'x', undefined)), /\u001b\[31mERROR/);
    });
  });
});
