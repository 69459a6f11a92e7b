import { getOwn, metaKey, set } from './reflect.js';
import type { ModuleMetadata, Type } from './types.js';

export const MODULE = metaKey<ModuleMetadata>('module');
export const GLOBAL = metaKey<boolean>('global');

/**
 * Declares a module: the providers it owns, the controllers it serves, what it imports and exports.
 * @example
 * @Module({ imports: [DbModule], controllers: [OrdersController], providers: [OrdersService] })
 * export class OrdersModule {}
 */
export function Module(metadata: ModuleMetadata = {}): ClassDecorator {
  return (target) => set(MODULE, metadata, target);
}

/** Makes a module's exports visible to every module without importing it. */
export function Global(): ClassDecorator {
  return (target) => set(GLOBAL, true, target);
}

export function moduleMetadata(cls: Type): ModuleMetadata | undefined {
  return getOwn(MODULE, cls);
}

export function isGlobalModule(cls: Type): boolean {
  return getOwn(GLOBAL, cls) === true;
}
