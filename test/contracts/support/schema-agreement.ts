import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { dtoJsonSchema } from '../../../src/contracts/index.js';
import { compileValidator } from '../../../src/pipeline/validation.js';
import { DEFAULT_VALIDATION } from '../../../src/pipeline/validation.js';
import { ServiceError, type Type } from '../../../src/index.js';

type Schema = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/*
 * Values are generated from the schema itself, mostly valid with one field off now and then, so
 * both sides see plenty of values to accept and to refuse. Left out on purpose, because no JSON
 * Schema says them the way class-validator checks them (the contracts guide lists them):
 * - U+FE0E/U+FE0F: validator.js's isLength does not count a variation selector after a
 *   character; JSON Schema counts every code point.
 * - emails and URLs beyond the plain forms (quoted local parts, IP hosts, ports, other schemes):
 *   validator.js's isEmail/isURL and the `email`/`uri` formats draw the line elsewhere.
 * - an array where a nested object is declared: @ValidateNested walks the elements of an array,
 *   so class-validator accepts `address: [{...}]` and even `lines: [[]]`, where the schema (and
 *   the handler) expect objects.
 */
const text = (min = 0, max = 12) => fc.string({
  unit: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\uFE0E' && c !== '\uFE0F'),
  minLength: min,
  maxLength: max,
});
const wrongType = fc.constantFrom<unknown>(null, 42, 'x', true, [], {});
/** No array where one nested object is declared: class-validator walks it (see above). */
const wrongForObject = fc.constantFrom<unknown>(null, 42, 'x', true);
const plainEmail = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('com', 'org', 'io')).map(([u, h, t]) => `${u}@${h}.${t}`);
const plainUrl = fc.tuple(fc.constantFrom('http', 'https'), fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('com', 'org'), fc.stringMatching(/^[a-z0-9]{0,8}$/)).map(([s, h, t, p]) => `${s}://${h}.${t}/${p}`);

function stringArb(s: Schema): fc.Arbitrary<unknown> {
  if (s['format'] === 'email') return fc.oneof({ weight: 9, arbitrary: plainEmail }, { weight: 1, arbitrary: fc.constantFrom('no-at-sign', 'a@', '@b.com', 'a b@c.com', '') });
  if (s['format'] === 'uri') return fc.oneof({ weight: 9, arbitrary: plainUrl }, { weight: 1, arbitrary: fc.constantFrom('not a url', 'example', '') });
  if (s['format'] === 'uuid') return fc.oneof({ weight: 9, arbitrary: fc.uuid({ version: 4 }) }, fc.uuid({ version: 1 }), text());
  if (typeof s['pattern'] === 'string') return fc.oneof({ weight: 9, arbitrary: fc.stringMatching(new RegExp(s['pattern'])) }, text());
  const min = typeof s['minLength'] === 'number' ? s['minLength'] : 0;
  const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : 12;
  return fc.oneof({ weight: 9, arbitrary: text(min, max) }, text(Math.max(0, min - 1), max + 2));
}

/** Values around what the schema accepts: valid ones, near misses, and now and then a wrong type. */
export function arbitraryFor(s: Schema, defs: Record<string, Schema>): fc.Arbitrary<unknown> {
  const ref = s['$ref'];
  if (typeof ref === 'string') return fc.constant(null).chain(() => arbitraryFor(defs[ref.slice(ref.lastIndexOf('/') + 1)]!, defs));
  if (Array.isArray(s['anyOf'])) return fc.oneof(...(s['anyOf'] as Schema[]).map((b) => arbitraryFor(b, defs)));
  if (Array.isArray(s['enum'])) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...(s['enum'] as unknown[])) }, fc.constantFrom<unknown>('other', 3));
  const good = ((): fc.Arbitrary<unknown> => {
    switch (s['type']) {
      case 'string': return stringArb(s);
      case 'integer': {
        const min = typeof s['minimum'] === 'number' ? s['minimum'] : -1000;
        const max = typeof s['maximum'] === 'number' ? s['maximum'] : 1000;
        return fc.oneof({ weight: 9, arbitrary: fc.integer({ min, max }) }, fc.integer({ min: min - 2, max: max + 2 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
      }
      case 'number': return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean': return fc.boolean();
      case 'null': return fc.constant(null);
      case 'array': {
        const min = typeof s['minItems'] === 'number' ? s['minItems'] : 0;
        const max = typeof s['maxItems'] === 'number' ? s['maxItems'] : 3;
        return fc.array(arbitraryFor(s['items'] as Schema, defs), { minLength: Math.max(0, min - 1), maxLength: Math.min(max + 1, min + 3) });
      }
      default: {
        const props = Object.fromEntries(Object.entries((s['properties'] ?? {}) as Record<string, Schema>).map(([k, v]) => [k, arbitraryFor(v, defs)]));
        return fc.oneof({ weight: 15, arbitrary: fc.record(props) }, { weight: 1, arbitrary: fc.record(props, { requiredKeys: [] }) });
      }
    }
  })();
  const isObject = s['type'] === undefined || s['type'] === 'object';
  return fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: isObject ? wrongForObject : wrongType });
}

export interface Agreement { accepted: number; refused: number }

/**
 * Checks that the DTO's JSON Schema (compiled by ajv) and class-validator, as Panini runs it for
 * a handler, accept and refuse the same generated values (sent through JSON first, as on the wire).
 */
export async function checkAgreement(cls: Type, numRuns = 400): Promise<Agreement> {
  const schema = await dtoJsonSchema(cls);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const bySchema = ajv.compile(schema);
  const byClassValidator = compileValidator(cls, DEFAULT_VALIDATION);
  const defs = { ...((schema['definitions'] ?? {}) as Record<string, Schema>) };
  const counts: Agreement = { accepted: 0, refused: 0 };
  await fc.assert(fc.asyncProperty(fc.oneof({ weight: 30, arbitrary: arbitraryFor(schema, defs) }, wrongForObject), async (generated) => {
    const value = JSON.parse(JSON.stringify(generated)) as unknown;
    const schemaSays = bySchema(value);
    const cvSays = await byClassValidator(value).then(() => true, (err: unknown) => {
      if (ServiceError.is(err) && err.code === 400) return false;
      throw err;
    });
    assert.equal(schemaSays, cvSays, `${cls.name}: the schema ${schemaSays ? 'accepts' : 'refuses'} ${JSON.stringify(value)} but class-validator does not (${JSON.stringify(bySchema.errors)})`);
    counts[schemaSays ? 'accepted' : 'refused']++;
  }), { numRuns });
  return counts;
}
