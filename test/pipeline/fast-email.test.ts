import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getMetadataStorage, IsEmail, ValidateBy } from 'class-validator';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata.js';
import isEmailModule from 'validator/lib/isEmail.js';
import { fastCheck, isPlainEmail } from '../../src/pipeline/fast-email.js';
import { DEFAULT_VALIDATION, prepareValidator, ValidationFailedError } from '../../src/pipeline/validation.js';
import type { Type } from '../../src/metadata/types.js';
import { emailEdges } from './compiled-dto-inputs.js';

const RUNS = Math.max(2_000, Number(process.env['PANINI_VALIDATION_RUNS'] ?? 0));
const validatorIsEmail = ((isEmailModule as unknown as { default?: unknown }).default ?? isEmailModule) as (s: string, o?: object) => boolean;

const ATOM = 'abcXYZ019!#$%&\'*+-/=?^_`{|}~';
const LABEL = 'abz019-';
const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Addresses built around every limit the fast path checks: local part 64, labels 63, total 254, hyphens, digits in the top-level label. */
const nearPlain = fc.tuple(
  fc.array(chars(ATOM, 0, 70), { minLength: 1, maxLength: 3 }).map((a) => a.join('.')),
  fc.array(chars(LABEL, 0, 66), { minLength: 1, maxLength: 5 }),
  fc.constantFrom('co', 'com', 'c', 'c0', 'xn--p1ai', 'a'.repeat(63), 'a'.repeat(64), 'ÿé', 'COM'),
).map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);

const anyEmailish = fc.oneof(emailEdges, nearPlain, fc.string({ unit: 'binary', maxLength: 40 }), fc.emailAddress().map((e) => e.padStart(250, 'a')));

function constraintOf(cls: Type, property: string): ConstraintMetadata {
  const meta = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).find((m) => m.propertyName === property)!;
  return (getMetadataStorage() as unknown as { getTargetValidatorConstraints(c: unknown): ConstraintMetadata[] }).getTargetValidatorConstraints(meta.constraintCls)[0]!;
}

class Plain { @IsEmail() email!: string; }
class EmptyOptions { @IsEmail({}) email!: string; }
class Blocked { @IsEmail({ host_blacklist: ['shop.example.com'] }) email!: string; }
class NoTld { @IsEmail({ require_tld: false }) email!: string; }
/** A custom rule that borrows class-validator's constraint name and message, and refuses what IsEmail accepts. */
class Borrowed {
  @ValidateBy({ name: 'isEmail', validator: { validate: (v: unknown) => typeof v === 'string' && v.endsWith('@corp.example'), defaultMessage: () => '$property must be an email' } })
  email!: string;
}

async function outcomes(cls: Type, email: unknown): Promise<[unknown, unknown]> {
  const run = async (compiled: boolean): Promise<unknown> => {
    const v = prepareValidator(cls, { ...DEFAULT_VALIDATION, compiled }, 'payload');
    try {
      return { ok: await v.check({ email }) };
    } catch (err) {
      return ValidationFailedError.is(err) ? { errors: err.errors } : { threw: String(err) };
    }
  };
  return [await run(true), await run(false)];
}

describe('the fast path of @IsEmail()', () => {
  it('should accept only what validator.js accepts with its default options, and accept most ordinary addresses', () => {
    let plain = 0;
    fc.assert(fc.property(anyEmailish, (s) => {
      if (!isPlainEmail(s)) return;
      plain++;
      assert.equal(validatorIsEmail(s), true, `fast path accepted ${JSON.stringify(s)}, validator.js refuses it`);
    }), { numRuns: RUNS });
    // the generators reach the fast path often enough for the property to mean something
    assert.ok(plain > RUNS / 10, `only ${plain} of ${RUNS} inputs took the fast path`);
    const ordinary = fc.sample(fc.emailAddress(), { numRuns: 500, seed: 11 }).filter((e) => /^[\x20-\x7e]*$/.test(e) && validatorIsEmail(e));
    assert.ok(ordinary.filter(isPlainEmail).length > ordinary.length * 0.8);
  });

  it('should leave the limits to validator.js: 64 characters before @, 63 per label, 254 in all', () => {
    for (const [s, plain] of [
      [`${'a'.repeat(64)}@b.co`, true], [`${'a'.repeat(65)}@b.co`, false],
      [`a@${'b'.repeat(63)}.co`, true], [`a@${'b'.repeat(64)}.co`, false],
      [`a@${'b.'.repeat(125)}co`, true], [`a@${'b.'.repeat(126)}co`, false],
      ['a@b-c.co', true], ['a@-b.co', false], ['a@b.c0', false], ['a@b', false], ['a@b.co\n', false], ['ſ@b.co', false],
    ] as const) {
      assert.equal(isPlainEmail(s), plain, s);
      if (plain) assert.equal(validatorIsEmail(s), true, s);
    }
  });

  it("should be taken for class-validator's IsEmail with no options or default ones, and not for other options or a borrowed name", () => {
    for (const cls of [Plain, EmptyOptions]) {
      const c = constraintOf(cls, 'email');
      const meta = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)[0]!;
      assert.notEqual(fastCheck(c, meta.constraints?.[0]), c.instance, cls.name);
    }
    for (const cls of [Blocked, NoTld, Borrowed]) {
      const c = constraintOf(cls, 'email');
      const meta = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)[0]!;
      assert.equal(fastCheck(c, meta.constraints?.[0]), c.instance, cls.name);
    }
  });

  it('should give the answers of class-validator for every form of the rule', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(Plain, EmptyOptions, Blocked, NoTld, Borrowed), fc.oneof(anyEmailish, fc.constantFrom('ann@shop.example.com', 'ann@corp.example', 'a@localhost', 7, null)), async (cls, email) => {
      const [compiled, libraries] = await outcomes(cls, email);
      assert.deepStrictEqual(compiled, libraries);
    }), { numRuns: Math.ceil(RUNS / 4) });
  });
});
