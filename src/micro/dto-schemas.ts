import { createRequire } from 'node:module';
import { getMetadataStorage } from 'class-validator';
import { isDtoType } from '../pipeline/validation.js';
import type { Type } from '../metadata/types.js';

/** A JSON Schema (draft-07 vocabulary) as plain data. */
export type JsonSchema = Record<string, unknown>;

/** JSON Schemas of DTO classes, derived from their class-validator rules. */
export interface DtoSchemas {
  /** A class's named schema, every class it nests reachable by `$ref` under the same prefix. */
  schemaOf(cls: Type): JsonSchema;
  /** The schema of a value of that type: a `$ref` to the class, or an array of them. */
  refTo(t: Type | [Type]): JsonSchema;
  /** Every class reachable from `roots` through `@ValidateNested` + `@Type`, by class name. */
  named(roots: Iterable<Type>): Record<string, JsonSchema>;
}

type Lib = typeof import('class-validator-jsonschema');
interface ValidationMetadata { constraints: unknown[] }
interface TypeStorage { findTypeMetadata(target: Type, property: string): { typeFunction: () => unknown } | undefined }

/** The values a `@IsEnum`/`@IsIn` accepts, with `type` only when they share one. */
function enumSchema(values: unknown[]): JsonSchema {
  const unique = [...new Set(values)];
  const types = new Set(unique.map((v) => (v === null ? 'null' : typeof v)));
  const [only] = types;
  return types.size === 1 && (only === 'string' || only === 'number' || only === 'boolean') ? { type: only, enum: unique } : { enum: unique };
}

/**
 * Where class-validator-jsonschema 5.2.0 says something class-validator does not check:
 * - `@IsEnum` of a numeric enum: class-validator accepts the member names and the numbers
 *   (`Object.keys(e).map(k => e[k])`); the library says `type: 'string'` for both.
 * - `@IsIn` with mixed types: the library drops the rule; the values are still an `enum`.
 * - `@IsUrl`: `format: 'url'` is no JSON Schema format; `uri` is the nearest one.
 * - `@Matches(/x/i)`: the flags are lost, so a case-insensitive rule would refuse what passes; a
 *   pattern with flags other than `u` is described in words instead of given as `pattern`.
 * - `@IsUUID('4')`: `format: 'uuid'` takes any version (and a `urn:uuid:` prefix); a pattern of
 *   validator.js's expression for the version is added.
 * - `@IsDateString`: an unanchored pattern that demands a time, where `isISO8601` accepts a date;
 *   described in words instead.
 */
const CONVERTERS = {
  isEnum: (meta: ValidationMetadata) => {
    const e = meta.constraints[0] as Record<string, unknown>;
    return enumSchema(Object.keys(e).map((k) => e[k]));
  },
  isIn: (meta: ValidationMetadata) => enumSchema(meta.constraints[0] as unknown[]),
  isUrl: { type: 'string', format: 'uri' },
  matches: (meta: ValidationMetadata) => {
    const [p, modifiers] = meta.constraints as [RegExp | string, string | undefined];
    const re = typeof p === 'string' ? new RegExp(p, modifiers) : p;
    if (/^u?$/.test(re.flags)) return { type: 'string', pattern: re.source };
    return { type: 'string', description: `matches ${String(re)} (flags a JSON Schema pattern cannot carry)` };
  },
  isDateString: { type: 'string', description: 'an ISO 8601 date or date-time' },
  isUuid: (meta: ValidationMetadata) => {
    const v = meta.constraints[0] as string | number | Array<string | number> | undefined;
    const versions = (Array.isArray(v) ? v : [v ?? 'all']).map(uuidPattern);
    return { type: 'string', format: 'uuid', pattern: `^(?:${versions.join('|')})$` };
  },
};

const H = '[0-9A-Fa-f]';
/** validator.js's `isUUID` expressions, case-insensitive written out (a JSON Schema pattern has no flags). */
function uuidPattern(version: string | number): string {
  const v = String(version).toLowerCase();
  const tail = `[89ABab]${H}{3}-${H}{12}`;
  if (/^[1-8]$/.test(v)) return `${H}{8}-${H}{4}-${v}${H}{3}-${tail}`;
  if (v === 'nil') return '0{8}-0{4}-0{4}-0{4}-0{12}';
  if (v === 'max') return '[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12}';
  if (v === 'loose') return `${H}{8}-${H}{4}-${H}{4}-${H}{4}-${H}{12}`;
  return `${H}{8}-${H}{4}-[1-8]${H}{3}-${tail}|0{8}-0{4}-0{4}-0{4}-0{12}|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12}`;
}

/** Optional fields: class-validator skips every rule for `null` as for `undefined`, so both pass. */
function allowNull(schema: JsonSchema, cls: Type): JsonSchema {
  const props = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (props === undefined) return schema;
  const optional = new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)
    .filter((m) => m.type === 'conditionalValidation' && m.name === 'isOptional').map((m) => m.propertyName));
  const fixed = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, optional.has(k) ? { anyOf: [v, { type: 'null' }] } : v]));
  return { ...schema, properties: fixed };
}

function nestedTypes(cls: Type, storage: TypeStorage | undefined): Type[] {
  const out: Type[] = [];
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    if (m.type !== 'nestedValidation') continue;
    const t = storage?.findTypeMetadata(cls, m.propertyName)?.typeFunction();
    if (isDtoType(t)) out.push(t);
  }
  return out;
}

let loaded: Promise<{ lib: Lib; storage: TypeStorage | undefined }> | undefined;

/**
 * Loads the schema library on first use (a service nobody inspects never loads it) and returns
 * converters whose `$ref`s start with `refPrefix` (`'#/definitions/'`, `'#/components/schemas/'`).
 * @throws Error from `named()` when two different reachable classes share a name: schemas are
 *   named by class, so one would silently stand for the other.
 */
export async function loadDtoSchemas(refPrefix: string): Promise<DtoSchemas> {
  loaded ??= (async () => {
    const lib = await import('class-validator-jsonschema');
    let storage: TypeStorage | undefined;
    try {
      // class-transformer keeps `@Type(() => Nested)` in a storage with no public export
      storage = (createRequire(import.meta.url)('class-transformer/cjs/storage.js') as { defaultMetadataStorage: TypeStorage }).defaultMetadataStorage;
    } catch {
      storage = undefined;
    }
    return { lib, storage };
  })();
  const { lib, storage } = await loaded;
  // the library's converter types are narrower than the plain schemas written above
  const options = { refPointerPrefix: refPrefix, additionalConverters: CONVERTERS as never, classTransformerMetadataStorage: storage as never };
  const schemaOf = (cls: Type): JsonSchema => allowNull(lib.targetConstructorToSchema(cls, options) as JsonSchema, cls);
  return {
    schemaOf,
    refTo: (t) => (Array.isArray(t) ? { type: 'array', items: { $ref: refPrefix + t[0].name } } : { $ref: refPrefix + t.name }),
    named(roots) {
      const byName = new Map<string, Type>();
      const queue = [...roots];
      while (queue.length) {
        const cls = queue.shift()!;
        const seen = byName.get(cls.name);
        if (seen === cls) continue;
        if (seen !== undefined) throw new Error(`two DTO classes are named ${cls.name}: schemas are named by class, so rename one`);
        byName.set(cls.name, cls);
        queue.push(...nestedTypes(cls, storage));
      }
      return Object.fromEntries([...byName].map(([name, cls]) => [name, schemaOf(cls)]));
    },
  };
}
