import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsString, ValidateNested } from 'class-validator';
import { Controller, Payload, RemoteError, Subject } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';

class AddressDto {
  @IsString() city!: string;
}

/** `@ValidateNested()` without `@Type()`: the nested value stays a plain object, of no known class. */
class ShipDto {
  @ValidateNested() address!: AddressDto;
}

/** No class-validator decorator at all. */
class NoteDto {
  text!: string;
  describe(): string { return `note: ${this.text}`; }
}

const seen: unknown[] = [];

@Controller('dto')
class DtoController {
  @Subject('ship') ship(@Payload() dto: ShipDto): string { seen.push(dto); return 'shipped'; }
  @Subject('ship.lenient', { validation: { forbidUnknownValues: false } }) lenient(@Payload() dto: ShipDto): string { seen.push(dto); return 'shipped'; }
  @Subject('note') note(@Payload() dto: NoteDto): { isNote: boolean; said: string; keys: string[] } {
    return { isNote: dto instanceof NoteDto, said: dto.describe(), keys: Object.keys(dto).sort() };
  }
  @Subject('note.raw') raw(): unknown { return { text: 42, extra: true }; }
}

describe('validation defaults', () => {
  describe('when a nested object has no known class (forbidUnknownValues, on by default)', () => {
    it('should answer 400 with an unknownValue constraint and not call the handler', async () => {
      const app = await Test.createTestingModule({ controllers: [DtoController] }).compile();
      seen.length = 0;
      const err = await app.request('dto.ship', { address: { city: 7 } }).catch((e: unknown) => e);
      assert.ok(err instanceof RemoteError, `expected a RemoteError, got ${String(err)}`);
      assert.equal(err.code, 400);
      const details = err.details as Array<{ path: string; constraints: Record<string, string> }>;
      assert.ok(details.some((d) => d.path.startsWith('address') && 'unknownValue' in d.constraints), JSON.stringify(details));
      assert.deepEqual(seen, []);
      await app.close();
    });

    it('should let the handler switch it off', async () => {
      const app = await Test.createTestingModule({ controllers: [DtoController] }).compile();
      seen.length = 0;
      assert.equal(await app.request('dto.ship.lenient', { address: { city: 7 } }), 'shipped');
      assert.equal(seen.length, 1);
      await app.close();
    });
  });

  describe('when a DTO class has no class-validator decorator', () => {
    it('should hand the handler an instance of the class, not validated and with every field kept', async () => {
      const app = await Test.createTestingModule({ controllers: [DtoController] }).compile();
      assert.deepEqual(await app.request('dto.note', { text: 'hi', extra: 1 }), { isNote: true, said: 'note: hi', keys: ['extra', 'text'] });
      await app.close();
    });

    it('should turn a reply into that class with responseType, without validating it', async () => {
      const app = await Test.createTestingModule({ controllers: [DtoController] }).compile();
      const reply = await app.request('dto.note.raw', {}, { responseType: NoteDto });
      assert.ok(reply instanceof NoteDto);
      assert.deepEqual({ ...reply }, { text: 42, extra: true });
      await app.close();
    });
  });
});
