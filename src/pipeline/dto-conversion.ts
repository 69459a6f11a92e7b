import { getMetadataStorage } from 'class-validator';
import { TransformationType } from 'class-transformer';
// @ts-expect-error -- class-transformer publishes no types for this path; typed just below
import * as transformerStorage from 'class-transformer/cjs/storage.js';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { designPropertyType } from '../metadata/reflect.js';
import type { Type } from '../metadata/types.js';
import { convertString, EXPECTED, scalarKindOf, type ScalarKind } from './string-conversion.js';

// class-transformer's own record of @Type, @Transform and @Expose: the same instance its
// plainToInstance reads (the package's main entry is this CommonJS build)
const defaultMetadataStorage = (transformerStorage as { defaultMetadataStorage: MetadataStorage }).defaultMetadataStorage;

/** One failing property, as `FieldError` (validation.ts) reports it. */
export interface ShapeError { path: string; constraints: Record<string, string> }

/**
 * Where a DTO's values come from. `strings`: query, path parameters, subject tokens and headers,
 * where every value is a string and declared booleans, numbers and dates are always converted.
 * `json`: a decoded body, converted only where asked (`enableImplicitConversion`, or
 * `@Type(() => Number)` and the like), by the same strict rules.
 */
export type ValueSource = 'strings' | 'json';

interface PropertyPlan {
  key: string;
  /** The scalar a value converts to, unless the property has its own `@Transform`. */
  kind?: ScalarKind;
  /** `@Type(() => Boolean)` and the like: class-transformer converts it whatever the options. */
  explicit: boolean;
  /** The design type is an array (`tags: number[]`): convert or recurse element by element. */
  each: boolean;
  /** The design type is a DTO class; an array there is refused. */
  single?: Type;
  /** The class of a nested value (or of each element), to convert and check its own properties. */
  nested?: Type;
}

const BUILTIN = new Set<unknown>([Object, String, Number, Boolean, Array, Symbol, BigInt, Function, Promise, Date, Uint8Array, Buffer, Map, Set]);
const isClass = (t: unknown): t is Type => typeof t === 'function' && !BUILTIN.has(t);

function typeTarget(cls: Type, key: string): unknown {
  const meta = defaultMetadataStorage.findTypeMetadata(cls, key);
  if (!meta || meta.options?.discriminator) return undefined;
  try {
    return meta.typeFunction();
  } catch {
    return undefined;
  }
}

function propertyNames(cls: Type): string[] {
  const names = new Set<string>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) names.add(m.propertyName);
  for (const m of defaultMetadataStorage.getExposedMetadatas(cls)) if (m.propertyName) names.add(m.propertyName);
  return [...names];
}

const plans = new WeakMap<Type, PropertyPlan[]>();
const jsonPlans = new WeakMap<Type, PropertyPlan[]>();

/** What Panini knows about each property of a DTO class, read once per class. */
export function planOf(cls: Type): PropertyPlan[] {
  let plan = plans.get(cls);
  if (plan) return plan;
  plan = [];
  for (const key of propertyNames(cls)) {
    const design = designPropertyType(cls.prototype as object, key);
    const typed = typeTarget(cls, key);
    const target = typed ?? (design === Array ? undefined : design);
    const ownTransform = defaultMetadataStorage.findTransformMetadatas(cls, key, TransformationType.PLAIN_TO_CLASS).length > 0;
    const kind = ownTransform ? undefined : scalarKindOf(target);
    plan.push({
      key,
      kind,
      explicit: kind !== undefined && typed !== undefined,
      each: design === Array,
      single: isClass(design) ? design : undefined,
      nested: isClass(target) ? target : undefined,
    });
  }
  plans.set(cls, plan);
  return plan;
}

/**
 * The properties convertProperties can act on in a JSON body without implicit conversion: the
 * others (a scalar converted only on request, a property with no class or array) are left as they
 * are there, so they are not visited on every message.
 */
function jsonPlanOf(cls: Type): PropertyPlan[] {
  let plan = jsonPlans.get(cls);
  if (!plan) {
    plan = planOf(cls).filter((p) => p.single !== undefined || p.each || p.nested !== undefined || (p.kind !== undefined && p.explicit));
    jsonPlans.set(cls, plan);
  }
  return plan;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function convertOne(v: unknown, kind: ScalarKind, path: string, errors: ShapeError[]): unknown {
  if (typeof v === 'string') {
    const r = convertString(v, kind);
    if (r.ok) return r.value;
  } else if ((kind === 'boolean' && typeof v === 'boolean') || (kind === 'number' && typeof v === 'number' && Number.isFinite(v)) || (kind === 'date' && v instanceof Date)) {
    return v;
  }
  errors.push({ path, constraints: { [EXPECTED[kind].rule]: `${path} ${EXPECTED[kind].words}` } });
  return v;
}

/**
 * Converts string values of declared booleans, numbers and dates by the strict rules, and refuses
 * a value whose shape contradicts its declaration (an array for a single nested DTO or for an
 * element of a list of DTOs, an object for an array), before class-transformer sees the value. Returns a copy where something changed; the
 * caller's object is never modified.
 */
export function convertProperties(cls: Type, value: Record<string, unknown>, source: ValueSource, implicit: boolean, prefix: string, errors: ShapeError[]): Record<string, unknown> {
  let out = value;
  for (const p of source === 'json' && !implicit ? jsonPlanOf(cls) : planOf(cls)) {
    if (!Object.hasOwn(value, p.key)) continue;
    const v = value[p.key];
    if (v === null || v === undefined) continue;
    const path = prefix ? `${prefix}.${p.key}` : p.key;
    let next: unknown = v;
    if (p.single && Array.isArray(v)) {
      errors.push({ path, constraints: { isObject: `${path} must be a single ${p.single.name} object, not an array` } });
      continue;
    }
    if (p.each && isObject(v)) {
      errors.push({ path, constraints: { isArray: `${path} must be an array` } });
      continue;
    }
    // class-validator's @ValidateNested walks an array inside an array as if it were the list
    // itself, so `[[]]` passes for `Line[]`: an element of a list of DTOs must be one object
    if (p.each && p.nested && Array.isArray(v) && v.some(Array.isArray)) {
      v.forEach((e, i) => { if (Array.isArray(e)) errors.push({ path: `${path}.${i}`, constraints: { isObject: `${path}.${i} must be a single ${p.nested!.name} object, not an array` } }); });
      continue;
    }
    if (p.kind && (source === 'strings' || implicit || p.explicit)) {
      next = p.each && Array.isArray(v) ? v.map((e, i) => convertOne(e, p.kind!, `${path}.${i}`, errors)) : convertOne(v, p.kind, path, errors);
    } else if (p.nested) {
      const nested = p.nested;
      if (!(p.each && Array.isArray(v))) next = isObject(v) ? convertProperties(nested, v, source, implicit, path, errors) : v;
      else next = v.map((e, i) => (isObject(e) ? convertProperties(nested, e, source, implicit, `${path}.${i}`, errors) : e));
    }
    if (next !== v) {
      if (out === value) out = { ...value };
      out[p.key] = next;
    }
  }
  return out;
}
