import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, DEFAULT_BACKLOG, Module, PaniniFactory, Subject, type BacklogOptions } from '../../src/index.js';
import { MemoryTransport } from '../../src/testing/index.js';
import { resolveBacklog } from '../../src/pipeline/backlog-options.js';

@Controller('ok')
class PlainController {
  @Subject('x') x() { return 1; }
}
@Module({ controllers: [PlainController] })
class PlainModule {}

function moduleWith(backlog: unknown): unknown {
  @Controller('bad')
  class BadController {
    @Subject('x', { backlog: backlog as BacklogOptions }) x() { return 1; }
  }
  @Module({ controllers: [BadController] })
  class BadModule {}
  return BadModule;
}

const create = (root: unknown, backlog?: unknown) =>
  PaniniFactory.create(root as typeof PlainModule, { transport: new MemoryTransport(), logging: { silent: true }, handleSignals: false, backlog: backlog as BacklogOptions });

describe('backlog options', () => {
  describe('when nothing is set', () => {
    it('should use 10,000 messages and 64 MiB', () => {
      assert.deepEqual(DEFAULT_BACKLOG, { maxMessages: 10_000, maxBytes: 64 * 1024 * 1024 });
      assert.deepEqual(resolveBacklog('A.b', undefined, undefined), DEFAULT_BACKLOG);
    });
  });

  describe('when the app and a handler both set limits', () => {
    it('should take the handler\'s over the app\'s, key by key', () => {
      assert.deepEqual(resolveBacklog('A.b', { maxMessages: 5 }, { maxMessages: 50, maxBytes: 1000 }), { maxMessages: 5, maxBytes: 1000 });
      assert.deepEqual(resolveBacklog('A.b', { maxBytes: Infinity }, undefined), { maxMessages: 10_000, maxBytes: Infinity });
    });
  });

  for (const [what, value, message] of [
    ['a negative count', { maxMessages: -1 }, /backlog\.maxMessages must be a whole number >= 0 .*got -1/],
    ['a fraction', { maxBytes: 1.5 }, /backlog\.maxBytes must be a whole number >= 0 .*got 1\.5/],
    ['a string', { maxBytes: '64MB' }, /backlog\.maxBytes must be a whole number .*got '64MB'/],
    ['NaN', { maxMessages: NaN }, /backlog\.maxMessages .*got NaN/],
    ['a misspelt key', { maxMessage: 10 }, /unknown backlog option 'maxMessage' \(known: maxMessages, maxBytes\)/],
    ['a number instead of an object', 100, /backlog must be an object/],
  ] as const) {
    describe(`when the app-wide backlog has ${what}`, () => {
      it('should fail create() with a RangeError that names the option', async () => {
        await assert.rejects(create(PlainModule, value), (err: Error) => err instanceof RangeError && /^PaniniOptions: /.test(err.message) && message.test(err.message));
      });
    });
    describe(`when a handler's backlog has ${what}`, () => {
      it('should fail create() with a RangeError that names the handler', async () => {
        await assert.rejects(create(moduleWith(value)), (err: Error) => err instanceof RangeError && /^BadController\.x: @Subject option: /.test(err.message) && message.test(err.message));
      });
    });
  }
});
