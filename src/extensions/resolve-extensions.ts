import type { Type } from '../metadata/types.js';
import type { ExceptionFilterFn, GuardFn, MiddlewareFn } from './extension.types.js';

/** Makes an instance of an extension class (resolved from the container, with its providers). */
export type Instantiate = (cls: Type) => unknown;

function isClassWith(item: unknown, method: string): item is Type {
  return typeof item === 'function' && typeof (item as { prototype?: Record<string, unknown> }).prototype?.[method] === 'function';
}

function normalise<F extends (...a: never[]) => unknown>(item: unknown, method: string, make: Instantiate, what: string): F {
  if (isClassWith(item, method)) {
    const inst = make(item) as Record<string, (...a: unknown[]) => unknown>;
    return inst[method]!.bind(inst) as unknown as F;
  }
  if (item !== null && typeof item === 'object' && typeof (item as Record<string, unknown>)[method] === 'function') {
    const obj = item as Record<string, (...a: unknown[]) => unknown>;
    return obj[method]!.bind(obj) as unknown as F;
  }
  if (typeof item === 'function') return item as F;
  throw new TypeError(`${String(item)} is not a ${what}: pass a function or a class with a ${method}() method`);
}

export const toMiddleware = (item: unknown, make: Instantiate): MiddlewareFn => normalise(item, 'use', make, 'middleware');
export const toGuard = (item: unknown, make: Instantiate): GuardFn => normalise(item, 'canActivate', make, 'guard');
export const toInterceptor = (item: unknown, make: Instantiate): MiddlewareFn => normalise(item, 'intercept', make, 'interceptor');
export const toFilter = (item: unknown, make: Instantiate): ExceptionFilterFn => normalise(item, 'catch', make, 'exception filter');
export const toOutbound = (item: unknown, make: Instantiate): MiddlewareFn => normalise(item, 'handle', make, 'outbound middleware');
