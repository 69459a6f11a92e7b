import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_VALIDATION, prepareValidator, ValidationFailedError, type FieldError } from '../../src/pipeline/validation.js';
import type { ValidationOptions } from '../../src/pipeline/validation-options.js';
import type { ValueSource } from '../../src/pipeline/dto-conversion.js';
import type { Type } from '../../src/metadata/types.js';
import {
  AddressDto, AsyncRuleDto, ConditionalDto, CustomRuleDto, GroupedDto, HoldsCustomDto, KitchenDto, LineDto, OrderDto, TransformedDto,
} from './compiled-dto-fixtures.js';
import { bodies, validBodies } from './compiled-dto-inputs.js';

// cases per DTO and option set; a deep run sets thousands: PANINI_VALIDATION_RUNS=5000
const RUNS = Number(process.env['PANINI_VALIDATION_RUNS'] ?? 100);

type Outcome =
  | { ok: true; value: unknown; shape: unknown }
  | { ok: false; message: string; errors: FieldError[] }
  | { threw: string };

/** Classes and key order all the way down: deepStrictEqual checks prototypes and values, not order. */
function shapeOf(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return Object.is(v, -0) ? '-0' : typeof v;
  if (Array.isArray(v)) return ['array', ...v.map(shapeOf)];
  const o = v as Record<string, unknown>;
  return { class: (o.constructor as { name?: string } | undefined)?.name ?? null, keys: Object.keys(o), values: Object.keys(o).map((k) => shapeOf(o[k])) };
}

async function outcome(check: (value: unknown) => unknown, input: unknown): Promise<Outcome> {
  try {
    const value = await check(input);
    return { ok: true, value, shape: shapeOf(value) };
  } catch (err) {
    if (ValidationFailedError.is(err)) return { ok: false, message: err.message, errors: err.errors };
    return { threw: String(err) };
  }
}

interface Pair { compiled: (v: unknown) => unknown; libraries: (v: unknown) => unknown; isCompiled: boolean }

function pair(type: Type | [Type], options: ValidationOptions, source: ValueSource = 'json'): Pair {
  const merged = { ...DEFAULT_VALIDATION, ...options };
  const fast = prepareValidator(type, merged, 'payload', source);
  const slow = prepareValidator(type, { ...merged, compiled: false }, 'payload', source);
  assert.equal(slow.compiled, false);
  return { compiled: fast.check, libraries: slow.check, isCompiled: fast.compiled };
}

/** Both paths get their own parse of the same JSON text, as two messages would. */
async function sameOutcome(p: Pair, body: string): Promise<void> {
  const a = await outcome(p.compiled, JSON.parse(body));
  const b = await outcome(p.libraries, JSON.parse(body));
  assert.deepStrictEqual(a, b, `body: ${body}`);
}

const COMMON: Array<[string, ValidationOptions]> = [
  ['the defaults (whitelist, forbidUnknownValues)', {}],
  ['forbidNonWhitelisted', { forbidNonWhitelisted: true }],
  ['no whitelist and unknown values allowed', { whitelist: false, forbidUnknownValues: false }],
  ['stopAtFirstError and skipMissingProperties', { stopAtFirstError: true, skipMissingProperties: true }],
  ['skipNullProperties, skipUndefinedProperties and dismissDefaultMessages', { skipNullProperties: true, skipUndefinedProperties: true, dismissDefaultMessages: true }],
];

const GROUPS: Array<[string, ValidationOptions]> = [
  ['the defaults (no groups)', {}],
  ["groups ['create']", { groups: ['create'] }],
  ["groups ['update'] and forbidNonWhitelisted", { groups: ['update'], forbidNonWhitelisted: true }],
  ['strictGroups without groups', { strictGroups: true }],
  ["always, groups ['other'], unknown values allowed", { always: true, groups: ['other'], forbidUnknownValues: false }],
];

const asStrings = (o: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

const COMPILED: Array<{ name: string; type: Type | [Type]; body: fc.Arbitrary<string>; variants: Array<[string, ValidationOptions]>; source?: ValueSource }> = [
  { name: 'the benchmark OrderDto (nested CustomerDto, email)', type: OrderDto, body: bodies(validBodies.order), variants: COMMON },
  { name: 'KitchenDto (common decorators, inheritance, arrays of DTOs, optional and null fields, defaults)', type: KitchenDto, body: bodies(validBodies.kitchen), variants: COMMON },
  { name: 'GroupedDto (groups and always)', type: GroupedDto, body: bodies(validBodies.grouped), variants: GROUPS },
  { name: 'an array payload of LineDto', type: [LineDto], body: bodies(fc.array(validBodies.line, { maxLength: 4 })), variants: COMMON.slice(0, 3) },
  { name: 'LineDto from strings (subject tokens, headers)', type: LineDto, body: bodies(validBodies.line.map(asStrings)), variants: COMMON.slice(0, 2), source: 'strings' },
  { name: 'AddressDto (Matches, IsIn, lengths)', type: AddressDto, body: bodies(validBodies.address), variants: COMMON.slice(0, 2) },
];

describe('compiled DTO checks', () => {
  for (const dto of COMPILED) {
    describe(`when the DTO is ${dto.name}`, () => {
      for (const [label, options] of dto.variants) {
        it(`should decide, convert and word errors as class-transformer and class-validator do, with ${label}`, async () => {
          const p = pair(dto.type, options, dto.source);
          assert.equal(p.isCompiled, true, 'this DTO should be compiled');
          await fc.assert(fc.asyncProperty(dto.body, (body) => sameOutcome(p, body)), { numRuns: RUNS });
        });
      }
    });
  }

  describe('when a value is not JSON (another codec)', () => {
    it('should hand it to the libraries and still give their answer', async () => {
      const p = pair(KitchenDto, {});
      const inputs: Array<() => unknown> = [
        () => ({ ...JSON.parse(JSON.stringify(fc.sample(validBodies.kitchen, { numRuns: 1, seed: 7 })[0])), tags: new Set(['a']) }),
        () => ({ meta: new Map([['a', 1]]), email: 'a@b.co' }),
        () => ({ at: new Date(0), lines: [new Date(0)], address: Object.create(null) as object }),
        () => ({ note: { then: () => undefined }, address: { street: 'ab', country: 'FR', then: 1 } }),
        () => ({ meta: { nested: Object.create(null) as object }, loose: { constructor: { a: 1 } } }),
        () => ({ lines: [undefined, NaN, Infinity], comment: undefined, retries: undefined }),
        () => ({ address: { constructor: 'x', street: 'ab', country: 'FR' }, code: Symbol.for('x').description }),
      ];
      for (const make of inputs) {
        const a = await outcome(p.compiled, make());
        const b = await outcome(p.libraries, make());
        assert.deepStrictEqual(a, b);
      }
    });
  });

  describe('when a DTO uses something the compiled path does not mirror', () => {
    const fallbacks: Array<[string, Type, fc.Arbitrary<unknown>]> = [
      ['a custom constraint (@Validate)', CustomRuleDto, fc.record({ code: fc.string({ maxLength: 6 }), n: fc.integer() })],
      ['an async constraint', AsyncRuleDto, fc.record({ name: fc.constantFrom('known', 'unknown') })],
      ['@ValidateIf', ConditionalDto, fc.record({ kind: fc.constantFrom('card', 'cash', 'x'), card: fc.string({ maxLength: 5 }) })],
      ['@Transform and @Expose', TransformedDto, fc.record({ name: fc.string({ maxLength: 4 }), 'e-mail': fc.emailAddress(), email: fc.string() })],
      ['a nested DTO with a custom constraint', HoldsCustomDto, fc.record({ label: fc.string(), inner: fc.record({ code: fc.string({ maxLength: 6 }), n: fc.integer() }) })],
    ];
    for (const [what, type, valid] of fallbacks) {
      it(`should be checked by the libraries (${what}) with their exact answers`, async () => {
        const p = pair(type, { forbidNonWhitelisted: true });
        assert.equal(p.isCompiled, false);
        await fc.assert(fc.asyncProperty(bodies(valid), (body) => sameOutcome(p, body)), { numRuns: Math.max(20, Math.ceil(RUNS / 4)) });
      });
    }

    it('should not compile with implicit conversion or an option it does not read', () => {
      assert.equal(prepareValidator(OrderDto, { ...DEFAULT_VALIDATION, enableImplicitConversion: true }).compiled, false);
      assert.equal(prepareValidator(OrderDto, { ...DEFAULT_VALIDATION, validationError: { target: false }, forbidUnknownValues: true, whitelist: true, ...{ skipDecorators: true } } as ValidationOptions).compiled, false);
      assert.equal(prepareValidator(OrderDto, { ...DEFAULT_VALIDATION, compiled: false }).compiled, false);
      assert.equal(prepareValidator(OrderDto, DEFAULT_VALIDATION).compiled, true);
    });
  });
});
