// @ts-expect-error -- class-transformer publishes no types for this path; typed just below
import * as transformerStorage from 'class-transformer/cjs/storage.js';
import type { TypeMetadata } from 'class-transformer/types/interfaces/metadata/type-metadata.interface.js';
import type { Type } from '../metadata/types.js';

/*
 * class-transformer's plainToInstance, for the options Panini passes it (`exposeDefaultValues`,
 * no implicit conversion), with the metadata look-ups done once per class instead of once per
 * key and message. It follows TransformOperationExecutor.transform (class-transformer 0.5.1) step
 * by step; whatever it does not mirror exactly (@Expose, @Exclude, @Transform, discriminators,
 * Map and Set values, promises, objects of an unknown class) throws UNSUPPORTED, and the caller
 * hands that value to class-transformer itself.
 */

interface Storage {
  findTypeMetadata(target: unknown, propertyName: string): TypeMetadata | undefined;
  _typeMetadatas: Map<unknown, Map<string, TypeMetadata>>;
  _transformMetadatas: Map<unknown, Map<string, unknown[]>>;
  _exposeMetadatas: Map<unknown, Map<string | undefined, unknown>>;
  _excludeMetadatas: Map<unknown, Map<string | undefined, unknown>>;
  getAncestors(target: unknown): unknown[];
}

const storage = (transformerStorage as { defaultMetadataStorage: Storage }).defaultMetadataStorage;

/** Thrown where the compiled path does not mirror the libraries exactly: the caller asks them instead. */
export const UNSUPPORTED: Error = Object.freeze(new Error('not compiled: handled by class-transformer and class-validator'));

interface TypedKey {
  /** What `@Type`'s function returns (called once: a function that reads its argument is not compiled). */
  type: unknown;
  /** The design type of the property; a new array is made with it when the value is an array. */
  reflectedType: unknown;
}

interface ClassPlan {
  /** Keys with `@Type` on the class or an ancestor. */
  typed: Map<string, TypedKey>;
  /** Own keys of the prototype with no setter (methods, getters): class-transformer never assigns them. */
  blocked: Set<string>;
}

function blockedKeys(proto: object): Set<string> {
  const out = new Set<string>();
  for (const key of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (d && !d.set) out.add(key);
  }
  return out;
}

const PLAIN: ClassPlan = { typed: new Map(), blocked: blockedKeys(Object.prototype) };
const plans = new Map<unknown, ClassPlan | null>();

const hasEntries = (m: Map<unknown, unknown> | undefined): boolean => m !== undefined && m.size > 0;

function buildPlan(cls: Type): ClassPlan | null {
  const chain = [cls, ...storage.getAncestors(cls)];
  // @Expose, @Exclude (on properties or the class) and @Transform change keys or values: not compiled
  if (chain.some((c) => hasEntries(storage._exposeMetadatas.get(c)) || hasEntries(storage._excludeMetadatas.get(c)) || hasEntries(storage._transformMetadatas.get(c)))) {
    return null;
  }
  const typed = new Map<string, TypedKey>();
  for (const c of chain) {
    for (const key of storage._typeMetadatas.get(c)?.keys() ?? []) {
      if (typed.has(key)) continue;
      const meta = storage.findTypeMetadata(cls, key);
      if (!meta) continue;
      if (meta.options?.discriminator || meta.reflectedType === Map || typeof meta.typeFunction !== 'function' || meta.typeFunction.length > 0) return null;
      let type: unknown;
      try {
        type = meta.typeFunction();
      } catch {
        // a class not defined yet (or a function that throws): class-transformer calls it per message
        return null;
      }
      typed.set(key, { type, reflectedType: meta.reflectedType });
    }
  }
  return { typed, blocked: blockedKeys(cls.prototype as object) };
}

function planOf(cls: unknown): ClassPlan | null {
  let plan = plans.get(cls);
  if (plan === undefined) {
    plan = typeof cls === 'function' ? buildPlan(cls as Type) : null;
    plans.set(cls, plan);
  }
  return plan;
}

const SCALARS = new Set<unknown>([String, Number, Boolean, Date, Buffer]);

/**
 * The classes `cls` converts into through `@Type`, `cls` first; null when one of them is not
 * compiled (then plainToInstance handles the whole DTO).
 */
export function transformClasses(cls: Type): Type[] | null {
  const seen = new Set<Type>();
  const visit = (c: Type): boolean => {
    if (seen.has(c)) return true;
    seen.add(c);
    const plan = planOf(c);
    if (!plan) return false;
    for (const t of plan.typed.values()) {
      if (typeof t.type === 'function' && !SCALARS.has(t.type) && !visit(t.type as Type)) return false;
    }
    return true;
  };
  return visit(cls) ? [...seen] : null;
}

const isPromiseLike = (v: unknown): boolean => v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';

function newArray(arrayType: unknown): unknown[] | Set<unknown> {
  const array = new (arrayType as new () => unknown[] | Set<unknown>)();
  return !(array instanceof Set) && !('push' in array) ? [] : array;
}

/** class-transformer's transform(undefined, value, targetType, arrayType, isMap) for PLAIN_TO_CLASS. */
export function transformValue(value: unknown, targetType: unknown, arrayType: unknown, isMap: boolean): unknown {
  if (isMap || value instanceof Set) throw UNSUPPORTED;
  if (Array.isArray(value)) {
    const out = arrayType ? newArray(arrayType) : [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // forEach skips holes
      const sub: unknown = value[i];
      const v = transformValue(sub, targetType, undefined, sub instanceof Map);
      if (out instanceof Set) out.add(v);
      else out.push(v);
    }
    return out;
  }
  if (targetType === String) return value === null || value === undefined ? value : String(value);
  if (targetType === Number) return value === null || value === undefined ? value : Number(value);
  if (targetType === Boolean) return value === null || value === undefined ? value : Boolean(value);
  if (targetType === Date || value instanceof Date) {
    if (value instanceof Date) return new Date(value.valueOf());
    return value === null || value === undefined ? value : new Date(value as string);
  }
  if (targetType === Buffer || value instanceof Buffer) {
    return value === null || value === undefined ? value : Buffer.from(value as string);
  }
  if (isPromiseLike(value)) throw UNSUPPORTED;
  if (typeof value === 'object' && value !== null) {
    // class-transformer would take the object's own constructor as its class
    if (!targetType && (value as object).constructor !== Object) throw UNSUPPORTED;
    return transformObject(value as Record<string, unknown>, targetType);
  }
  return value;
}

function transformObject(value: Record<string, unknown>, targetType: unknown): unknown {
  const plan = targetType ? planOf(targetType) : PLAIN;
  if (!plan) throw UNSUPPORTED;
  const out = (targetType ? new (targetType as new () => object)() : {}) as Record<string, unknown>;
  if (targetType && out.constructor !== targetType) throw UNSUPPORTED;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const sub = value[key];
    const typed = plan.typed.get(key);
    if (plan.blocked.has(key) || out[key] instanceof Function) continue;
    if (sub === undefined) {
      // exposeDefaultValues: the class's own default stays (and an unset key becomes an own one)
      out[key] = out[key];
      continue;
    }
    // a string, number or boolean with no @Type comes out of transformValue as it went in
    if (typed === undefined && typeof sub !== 'object') {
      out[key] = sub;
      continue;
    }
    const arrayType = Array.isArray(sub) ? typed?.reflectedType : undefined;
    out[key] = transformValue(sub, typed?.type, arrayType, sub instanceof Map);
  }
  return out;
}
