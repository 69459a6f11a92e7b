import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ContainerError, Controller, Headers, Nullable, Param, Payload, RemoteError, Subject } from '../../src/index.js';
import { Test, type TestingApp } from '../../src/testing/index.js';

class FilterParams {
  @IsBoolean() archived!: boolean;
  @IsInt() page!: number;
}
class FlagsDto {
  @IsBoolean() archived!: boolean;
  @IsOptional() @IsNumber() n?: number;
  @IsOptional() @IsDate() @Type(() => Date) at?: Date;
  @IsOptional() @Type(() => Boolean) loose?: boolean;
}
class AddrDto {
  @IsString() city!: string;
}
class ShipDto {
  @ValidateNested() @Type(() => AddrDto) addr!: AddrDto;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => AddrDto) stops?: AddrDto[];
}
class GroupedAddr {
  @IsString({ groups: ['a'] }) city!: string;
}
class GroupedShip {
  @IsString({ groups: ['b'] }) name!: string;
  @ValidateNested({ always: true }) @Type(() => GroupedAddr) addr!: GroupedAddr;
}
class NoteDto {
  @Nullable() @IsString() note!: string | null;
}

const typed = (v: unknown) => (v instanceof Date ? { date: v.toISOString() } : { [typeof v]: v });

@Controller('pit')
class PitfallsController {
  @Subject('{id}.flag.{on}') flag(@Param('id') id: number, @Param('on') on: boolean) { return { id: typed(id), on: typed(on) }; }
  @Subject('retry') retry(@Headers('x-retry') retry: boolean, @Headers('x-since') since: Date) { return { retry: typed(retry), since: since === undefined ? null : typed(since) }; }
  @Subject('list.{archived}.{page}') list(@Param() p: FilterParams) { return { archived: typed(p.archived), page: typed(p.page) }; }
  @Subject('flags') flags(@Payload() dto: FlagsDto) { return { archived: typed(dto.archived), at: dto.at === undefined ? null : typed(dto.at), loose: dto.loose === undefined ? null : typed(dto.loose) }; }
  @Subject('flags.implicit', { validation: { enableImplicitConversion: true } }) implicit(@Payload() dto: FlagsDto) { return { archived: typed(dto.archived), n: dto.n === undefined ? null : typed(dto.n) }; }
  @Subject('ship') ship(@Payload() dto: ShipDto) { return { isArray: Array.isArray(dto.addr) }; }
  @Subject('grouped', { validation: { groups: ['b'] } }) grouped(@Payload() dto: GroupedShip) { return dto.name; }
  @Subject('grouped.root', { validation: { groups: ['c'] } }) groupedRoot(@Payload() dto: GroupedAddr) { return dto.city; }
  @Subject('note') note(@Payload() dto: NoteDto) { return { note: dto.note }; }
  @Subject('batch') batch(@Payload([AddrDto]) items: AddrDto[]) { return items.map((i) => i instanceof AddrDto); }
}

type Details = Array<{ path: string; constraints: Record<string, string> }>;

async function refused(p: Promise<unknown>): Promise<{ message: string; details: Details }> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  assert.ok(RemoteError.is(e), `expected an error reply, got ${String(e)}`);
  assert.equal(e.code, 400);
  return { message: e.message, details: e.details as Details };
}

describe('validation pitfalls (memory transport)', () => {
  let app: TestingApp;
  let libraryApp: TestingApp;
  before(async () => {
    app = await Test.createTestingModule({ controllers: [PitfallsController] }).compile();
    libraryApp = await Test.createTestingModule({ controllers: [PitfallsController] }).withOptions({ validation: { compiled: false } }).compile();
  });
  after(async () => {
    await app?.close();
    await libraryApp?.close();
  });

  describe('when a named subject token is declared as a number or a boolean', () => {
    it('should convert by the strict rules', async () => {
      assert.deepEqual(await app.request('pit.7.flag.false'), { id: { number: 7 }, on: { boolean: false } });
      assert.deepEqual(await app.request('pit.-1.flag.1'), { id: { number: -1 }, on: { boolean: true } });
    });
    it('should answer 400 naming the token when it does not convert', async () => {
      const id = await refused(app.request('pit.0x10.flag.true'));
      assert.deepEqual(id.details, [{ path: 'id', constraints: { isNumber: 'id must be a finite decimal number' } }]);
      const on = await refused(app.request('pit.1.flag.yes'));
      assert.deepEqual(on.details, [{ path: 'on', constraints: { isBoolean: 'on must be true, false, 1 or 0' } }]);
    });
  });

  describe('when a named header is declared as a boolean or a date', () => {
    it('should convert by the strict rules', async () => {
      assert.deepEqual(await app.request('pit.retry', null, { headers: { 'x-retry': 'false', 'x-since': '2024-05-01' } }), { retry: { boolean: false }, since: { date: '2024-05-01T00:00:00.000Z' } });
    });
    it('should answer 400 naming the header when it does not convert', async () => {
      const bad = await refused(app.request('pit.retry', null, { headers: { 'x-retry': 'false', 'x-since': '2024-02-30' } }));
      assert.equal(bad.details[0]!.path, 'x-since');
      assert.match(bad.message, /x-since/);
    });
  });

  describe('when a DTO of subject tokens declares booleans and numbers', () => {
    it('should convert them without enableImplicitConversion, false staying false', async () => {
      assert.deepEqual(await app.request('pit.list.false.2'), { archived: { boolean: false }, page: { number: 2 } });
    });
    it('should answer 400 naming the field for a value that does not convert', async () => {
      const bad = await refused(app.request('pit.list.false.1e400'));
      assert.deepEqual(bad.details, [{ path: 'page', constraints: { isNumber: 'page must be a finite decimal number' } }]);
    });
  });

  describe('when a JSON body holds strings for declared booleans, numbers and dates', () => {
    it('should leave them to validation without conversion asked for', async () => {
      const bad = await refused(app.request('pit.flags', { archived: 'false' }));
      assert.equal(bad.details[0]!.path, 'archived');
      assert.ok('isBoolean' in bad.details[0]!.constraints);
    });
    it('should convert @Type(() => Boolean) by the strict rules, so "false" is false', async () => {
      assert.deepEqual(await app.request('pit.flags', { archived: true, loose: 'false' }), { archived: { boolean: true }, at: null, loose: { boolean: false } });
      const bad = await refused(app.request('pit.flags', { archived: true, loose: 'no' }));
      assert.deepEqual(bad.details, [{ path: 'loose', constraints: { isBoolean: 'loose must be true, false, 1 or 0' } }]);
    });
    it('should convert @Type(() => Date) from ISO 8601 only, refusing other strings and epoch numbers', async () => {
      assert.deepEqual((await app.request<{ at: unknown }>('pit.flags', { archived: true, at: '2024-05-01T10:00:00+02:00' })).at, { date: '2024-05-01T08:00:00.000Z' });
      assert.equal((await refused(app.request('pit.flags', { archived: true, at: 'May 1' }))).details[0]!.path, 'at');
      assert.equal((await refused(app.request('pit.flags', { archived: true, at: 1714550400000 }))).details[0]!.path, 'at');
    });
    it('should convert with enableImplicitConversion by the same rules and refuse a mismatched JSON type', async () => {
      assert.deepEqual(await app.request('pit.flags.implicit', { archived: 'false', n: '2.5' }), { archived: { boolean: false }, n: { number: 2.5 } });
      assert.deepEqual((await refused(app.request('pit.flags.implicit', { archived: 'off' }))).details.map((d) => d.path), ['archived']);
      assert.deepEqual((await refused(app.request('pit.flags.implicit', { archived: 1 }))).details.map((d) => d.path), ['archived']);
      assert.deepEqual((await refused(app.request('pit.flags.implicit', { archived: true, n: 'Infinity' }))).details.map((d) => d.path), ['n']);
    });
  });

  describe('when a nested value has the wrong shape', () => {
    it('should answer 400 naming the path for an array where one object is declared', async () => {
      const bad = await refused(app.request('pit.ship', { addr: [{ city: 'Paris' }] }));
      assert.deepEqual(bad.details, [{ path: 'addr', constraints: { isObject: 'addr must be a single AddrDto object, not an array' } }]);
    });
    it('should answer 400 naming the path for an object where an array is declared', async () => {
      const bad = await refused(app.request('pit.ship', { addr: { city: 'Paris' }, stops: { city: 'Lyon' } }));
      assert.deepEqual(bad.details, [{ path: 'stops', constraints: { isArray: 'stops must be an array' } }]);
    });
    it('should accept the declared shapes', async () => {
      assert.deepEqual(await app.request('pit.ship', { addr: { city: 'Paris' }, stops: [{ city: 'Lyon' }] }), { isArray: false });
    });
    for (const compiled of [true, false]) {
      it(`should answer 400 naming each element that is an array in a list of DTOs (${compiled ? 'compiled checks' : 'class-validator'})`, async () => {
        const target = compiled ? app : libraryApp;
        for (const stops of [[[]], [[{ city: 'Lyon' }]], [{ city: 'Lyon' }, [], [[]]]]) {
          const bad = await refused(target.request('pit.ship', { addr: { city: 'Paris' }, stops }));
          const at = stops.flatMap((s, i) => (Array.isArray(s) ? [i] : []));
          assert.deepEqual(bad.details, at.map((i) => ({ path: `stops.${i}`, constraints: { isObject: `stops.${i} must be a single AddrDto object, not an array` } })));
        }
      });
    }
  });

  describe('when a nested class has no rules for the active validation group', () => {
    it('should report the nested path, never "undefined", in words', async () => {
      const bad = await refused(app.request('pit.grouped', { name: 'n', addr: { city: 'Paris' } }));
      assert.deepEqual(bad.details, [{ path: 'addr', constraints: { unknownValue: "addr cannot be checked: its class is unknown or has no validation rules for the group 'b'" } }]);
      assert.doesNotMatch(bad.message, /undefined/);
    });
    it('should report a root-level error with the empty path', async () => {
      const bad = await refused(app.request('pit.grouped.root', { city: 'Paris' }));
      assert.deepEqual(bad.details, [{ path: '', constraints: { unknownValue: "payload cannot be checked: its class is unknown or has no validation rules for the group 'c'" } }]);
    });
  });

  describe('when a property is @Nullable()', () => {
    it('should accept null and a valid value', async () => {
      assert.deepEqual(await app.request('pit.note', { note: null }), { note: null });
      assert.deepEqual(await app.request('pit.note', { note: 'x' }), { note: 'x' });
    });
    it('should refuse a missing property, unlike @IsOptional()', async () => {
      const bad = await refused(app.request('pit.note', {}));
      assert.equal(bad.details[0]!.path, 'note');
      assert.equal(bad.details[0]!.constraints['isDefined'], 'note must be present (null is allowed)');
    });
    it('should apply the other rules to any other value', async () => {
      const bad = await refused(app.request('pit.note', { note: 1 }));
      assert.deepEqual(Object.keys(bad.details[0]!.constraints), ['isString']);
    });
  });

  describe('when an array payload names its element type', () => {
    it('should validate every element', async () => {
      assert.deepEqual(await app.request('pit.batch', [{ city: 'a' }]), [true]);
      assert.deepEqual((await refused(app.request('pit.batch', [{ city: 'a' }, { city: 1 }]))).details.map((d) => d.path), ['1.city']);
    });
  });
});

class Item {
  @IsString() sku!: string;
}
class Ruleless {
  text!: string;
}
@Controller('warn')
class WarnedController {
  @Subject('untyped') untyped(@Payload() items: Item[]) { return items.length; }
  @Subject('ruleless') ruleless(@Payload() dto: Ruleless) { return dto.text; }
  @Subject('fine') fine(@Payload([Item]) items: Item[], @Payload(Array) _raw?: unknown[]) { return items.length; }
}

describe('start-up checks of payload declarations', () => {
  it('should warn, naming the handler and the fix, for an array payload without element type and a DTO without rules', async () => {
    const app = await Test.createTestingModule({ controllers: [WarnedController] }).compile();
    const warnings = app.logs!.lines('warn').map((e) => e.message);
    await app.close();
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.ok(warnings.some((w) => w.startsWith("WarnedController.untyped (subject 'warn.untyped') takes an array payload") && w.includes('@Payload([ItemDto])')), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.startsWith("Ruleless, the payload of WarnedController.ruleless (subject 'warn.ruleless'), has no class-validator rule")), warnings.join('\n'));
  });

  it('should refuse to start with validation.requireRules', async () => {
    const err = await Test.createTestingModule({ controllers: [WarnedController] }).withOptions({ validation: { requireRules: true } }).compile().then(() => undefined, (e: unknown) => e);
    assert.ok(ContainerError.is(err), `expected a ContainerError, got ${String(err)}`);
    assert.match(err.message, /requireRules/);
  });
});
