import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { Module } from '../../src/index.js';
import { Get, HttpController, Param, Query } from '../../src/http/index.js';
import { startHttpApp, type RunningHttpApp } from './support/http-app.js';

class ListQuery {
  @IsOptional() @IsBoolean() archived?: boolean;
  @IsOptional() @IsInt() page?: number;
}
class TypedQuery {
  @IsOptional() @Type(() => Boolean) flag?: boolean;
}
class AnyQuery {
  @IsOptional() b?: boolean;
  @IsOptional() n?: number;
  @IsOptional() d?: Date;
}

const typed = (v: unknown) => (v === undefined ? null : v instanceof Date ? { date: v.toISOString() } : { [typeof v]: v });

@HttpController('/pit')
class PitfallsHttpController {
  @Get('list') list(@Query() q: ListQuery) { return { archived: typed(q.archived), page: typed(q.page) }; }
  @Get('typed') typedFlag(@Query() q: TypedQuery) { return { flag: typed(q.flag) }; }
  @Get('any') any(@Query() q: AnyQuery) { return { b: typed(q.b), n: typed(q.n), d: typed(q.d) }; }
  @Get('one/:id') one(@Param('id') id: number, @Query('archived') archived: boolean) { return { id: typed(id), archived: typed(archived) }; }
}

@Module({ controllers: [PitfallsHttpController] })
class PitfallsModule {}

async function body(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

// the rules, written out independently of src/pipeline/string-conversion.ts
const BOOLEANS = new Map([['true', true], ['false', false], ['1', true], ['0', false]]);
const numberRule = (s: string): number | undefined => (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) && Number.isFinite(Number(s)) ? Number(s) : undefined);

describe('validation pitfalls over HTTP', () => {
  let http: RunningHttpApp;
  before(async () => { http = await startHttpApp([PitfallsModule], { validation: { enableImplicitConversion: true } }); });
  after(() => http.close());

  describe('when a query DTO declares a boolean (implicit conversion on)', () => {
    it('should read ?archived=false as false, not as Boolean("false")', async () => {
      assert.deepEqual(await body(await http.fetch('/pit/list?archived=false&page=3')), { archived: { boolean: false }, page: { number: 3 } });
    });
    it('should answer 400 naming the field for a value that is not a boolean', async () => {
      const res = await http.fetch('/pit/list?archived=nope');
      assert.equal(res.status, 400);
      assert.deepEqual(((await body(res))['error'] as { details: unknown }).details, [{ path: 'archived', constraints: { isBoolean: 'archived must be true, false, 1 or 0' } }]);
    });
  });

  describe('when a query property has @Type(() => Boolean)', () => {
    it('should read "false" as false', async () => {
      assert.deepEqual(await body(await http.fetch('/pit/typed?flag=false')), { flag: { boolean: false } });
    });
  });

  describe('when a named path parameter and query value are declared as number and boolean', () => {
    it('should convert them, and refuse what does not convert', async () => {
      assert.deepEqual(await body(await http.fetch('/pit/one/12?archived=0')), { id: { number: 12 }, archived: { boolean: false } });
      const res = await http.fetch('/pit/one/Infinity');
      assert.equal(res.status, 400);
      assert.match(((await body(res))['error'] as { message: string }).message, /invalid path parameters: id/);
    });
  });

  describe('when random strings are sent for boolean, number and date fields', () => {
    it('should convert each to the value its rule defines, or answer 400 naming the field', async () => {
      const isoDate = fc.record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
        .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      const candidate = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('true', 'false', '1', '0', 'TRUE', '', ' ', '0x10', '1e400', 'Infinity', '-0', '.5', '1.', '2024-02-30'), fc.double().map(String), isoDate);
      const field = fc.constantFrom('b', 'n', 'd');
      await fc.assert(fc.asyncProperty(field, candidate, async (name, s) => {
        const res = await http.fetch(`/pit/any?${name}=${encodeURIComponent(s)}`);
        const out = await body(res);
        if (res.status === 400) {
          const details = (out['error'] as { details: Array<{ path: string }> }).details;
          assert.deepEqual(details.map((d) => d.path), [name], `${name}=${JSON.stringify(s)}`);
          if (name === 'b') assert.equal(BOOLEANS.get(s), undefined, `refused boolean ${JSON.stringify(s)}`);
          if (name === 'n') assert.equal(numberRule(s), undefined, `refused number ${JSON.stringify(s)}`);
          if (name === 'd') assert.doesNotMatch(s, /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/, `refused date ${JSON.stringify(s)}`);
          return;
        }
        assert.equal(res.status, 200, `${name}=${JSON.stringify(s)}: ${JSON.stringify(out)}`);
        if (name === 'b') assert.deepEqual(out['b'], { boolean: BOOLEANS.get(s) }, `boolean ${JSON.stringify(s)}`);
        if (name === 'n') assert.deepEqual(out['n'], { number: numberRule(s)! + 0 }, `number ${JSON.stringify(s)}`);
        if (name === 'd') {
          const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
          assert.ok(m, `accepted date ${JSON.stringify(s)} is not ISO 8601`);
          const d = new Date((out['d'] as { date: string }).date);
          assert.deepEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()], [Number(m[1]), Number(m[2]), Number(m[3])], `date ${JSON.stringify(s)}`);
        }
      }), { numRuns: 300 });
    });
  });
});
