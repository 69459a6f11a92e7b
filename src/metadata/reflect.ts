import 'reflect-metadata';

/**
 * Small typed helpers around Reflect metadata; the only place in Panini that touches Reflect.
 * Keys are symbols so they never collide with user metadata.
 */
export interface MetaKey<T> { readonly key: symbol; readonly _type?: T }

export function metaKey<T>(name: string): MetaKey<T> {
  return { key: Symbol(`panini:${name}`) };
}

export function getOwn<T>(k: MetaKey<T>, target: object, property?: string | symbol): T | undefined {
  return property === undefined
    ? (Reflect.getOwnMetadata(k.key, target) as T | undefined)
    : (Reflect.getOwnMetadata(k.key, target, property) as T | undefined);
}

export function get<T>(k: MetaKey<T>, target: object, property?: string | symbol): T | undefined {
  return property === undefined
    ? (Reflect.getMetadata(k.key, target) as T | undefined)
    : (Reflect.getMetadata(k.key, target, property) as T | undefined);
}

export function set<T>(k: MetaKey<T>, value: T, target: object, property?: string | symbol): void {
  if (property === undefined) Reflect.defineMetadata(k.key, value, target);
  else Reflect.defineMetadata(k.key, value, target, property);
}

/** Appends to an own array (copying an inherited one first, so subclasses never mutate parents). */
export function push<T>(k: MetaKey<T[]>, item: T, target: object, property?: string | symbol): void {
  const own = getOwn(k, target, property);
  const list = own ?? [...(get(k, target, property) ?? [])];
  list.push(item);
  if (!own) set(k, list, target, property);
}

/** TypeScript's emitted constructor parameter types, or undefined when metadata was not emitted. */
export function designParamTypes(target: object, property?: string | symbol): unknown[] | undefined {
  return property === undefined
    ? (Reflect.getMetadata('design:paramtypes', target) as unknown[] | undefined)
    : (Reflect.getMetadata('design:paramtypes', target, property) as unknown[] | undefined);
}

/** TypeScript's emitted return type of a method (`Promise` for an async one), or undefined when not emitted. */
export function designReturnType(target: object, property: string | symbol): unknown {
  return Reflect.getMetadata('design:returntype', target, property) as unknown;
}

/** TypeScript's emitted type of a decorated property (`design:type`), or undefined when not emitted. */
export function designPropertyType(target: object, property: string): unknown {
  return Reflect.getMetadata('design:type', target, property) as unknown;
}
