import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsPositive } from 'class-validator';
import { Controller, Module, Payload, RemoteError, Subject } from '../../src/index.js';
import { Query } from '../../src/http/index.js';
import { Test } from '../../src/testing/index.js';
import { resolveArgsAsync } from '../../src/pipeline/param-resolvers.js';
import type { MessageContext } from '../../src/pipeline/message-context.js';

class CountDto {
  @IsInt() @IsPositive() count!: number;
}

@Controller('args')
class ArgsController {
  // the DTO's validation starts first, then the HTTP-only parameter throws synchronously
  @Subject('mixed') mixed(@Payload() dto: CountDto, @Query('x') _x: string) {
    return dto.count;
  }
}

@Module({ controllers: [ArgsController] })
class ArgsModule {}

/** Resolves once every pending promise job and the unhandled-rejection check of this turn have run. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('argument resolution', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
  before(() => { process.on('unhandledRejection', onUnhandled); });
  after(() => { process.removeListener('unhandledRejection', onUnhandled); });

  describe('when a later argument throws after a DTO validation started, and the DTO is invalid', () => {
    it('should answer the request with an error and leave no rejection unobserved', async () => {
      const app = await Test.createTestingModule({ imports: [ArgsModule] }).compile();
      try {
        const err = await app.request('args.mixed', { count: -1 }).catch((e: unknown) => e);
        assert.ok(err instanceof RemoteError, `got ${String(err)}`);
        assert.ok(err.code >= 400);
        await nextTurn();
        await nextTurn();
        assert.deepEqual(unhandled, []);
      } finally {
        await app.close();
      }
    });
  });

  describe('resolveArgsAsync', () => {
    it('should reject with the first failure while observing every started promise', async () => {
      const late = Promise.reject(new Error('validation failed')); // started before the throw
      const boom = new Error('sync throw');
      const resolvers = [() => late, () => { throw boom; }, () => 3];
      await assert.rejects(resolveArgsAsync(resolvers, {} as MessageContext), (e: unknown) => e === boom || (e as Error).message === 'validation failed');
      await nextTurn();
      assert.deepEqual(unhandled, []);
    });

    it('should resolve every argument in order when none fails', async () => {
      const resolvers = [() => Promise.resolve(1), () => 2, () => Promise.resolve(3)];
      assert.deepEqual(await resolveArgsAsync(resolvers, {} as MessageContext), [1, 2, 3]);
    });
  });
});
