import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Controller, Payload, RemoteError, Subject } from '../../src/index.js';
import { Test, type TestingApp } from '../../src/testing/index.js';

class TagDto {
  @IsString() label!: string;
}
class ItemDto {
  @IsString() name!: string;
  @IsInt() qty!: number;
  @IsOptional() @ValidateNested() @Type(() => TagDto) tag?: TagDto;
}

@Controller('conv')
class ConversionController {
  @Subject('item') item(@Payload() dto: ItemDto) { return { name: dto.name, qty: dto.qty }; }
}

/** Keys that class-transformer reads as type information when they appear in plain input. */
const trickyKey = fc.constantFrom('constructor', 'prototype', '__proto__', 'toJSON', 'name', 'qty', 'tag', 'label');
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('object')),
  object: fc.dictionary(trickyKey, tie('value'), { maxKeys: 4 }),
})).object;

describe('DTO conversion of hostile bodies', () => {
  let app: TestingApp;
  before(async () => { app = await Test.createTestingModule({ controllers: [ConversionController] }).compile(); });
  after(() => app?.close());

  describe('when a nested object carries a `constructor` key that is not a function', () => {
    it('should answer 400 naming the field, not a 500 from class-transformer', async () => {
      const body = JSON.parse('{"toJSON":{"":{"constructor":{}}},"name":"a","qty":1}');
      const err = await app.request('conv.item', body).then(() => undefined, (e: unknown) => e);
      assert.ok(RemoteError.is(err), `expected an error reply, got ${String(err)}`);
      assert.equal(err.code, 400);
      assert.match(err.message, /payload/);
      assert.deepEqual((err.details as Array<{ constraints: Record<string, string> }>)[0]!.constraints, { convertible: 'payload cannot be converted to ItemDto' });
    });
  });

  describe('when bodies are random objects built from keys class-transformer treats specially', () => {
    it('should answer every one with the DTO or a 4xx, never a 5xx', async () => {
      await fc.assert(fc.asyncProperty(hostileValue, async (body) => {
        const wire = JSON.parse(JSON.stringify(body)) as unknown;
        try {
          await app.request('conv.item', wire);
        } catch (err) {
          assert.ok(RemoteError.is(err), `not an error reply: ${String(err)}`);
          assert.ok(err.code >= 400 && err.code < 500, `got ${err.code} ${err.message} for ${JSON.stringify(wire)}`);
        }
      }), { numRuns: 300 });
    });
  });
});
