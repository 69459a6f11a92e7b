import { get, metaKey, set } from './reflect.js';
import type { Type } from './types.js';

/** Which list an extension belongs to. */
export type ExtensionKind = 'middleware' | 'guards' | 'interceptors' | 'filters';

const KEYS: Record<ExtensionKind, ReturnType<typeof metaKey<unknown[]>>> = {
  middleware: metaKey<unknown[]>('middleware'),
  guards: metaKey<unknown[]>('guards'),
  interceptors: metaKey<unknown[]>('interceptors'),
  filters: metaKey<unknown[]>('filters'),
};

function register(kind: ExtensionKind, items: unknown[]): ClassDecorator & MethodDecorator {
  return ((target: object, key?: string | symbol) => {
    const holder = key === undefined ? target : target;
    const prop = key === undefined ? undefined : String(key);
    const list = [...((prop === undefined ? get(KEYS[kind], holder) : get(KEYS[kind], holder, prop)) ?? []), ...items];
    set(KEYS[kind], list, holder, prop);
  }) as ClassDecorator & MethodDecorator;
}

/** Extensions declared on a controller class (outer) and on one of its methods (inner). */
export function extensionsOf(kind: ExtensionKind, cls: Type, method?: string): unknown[] {
  return method === undefined ? (get(KEYS[kind], cls) ?? []) : (get(KEYS[kind], cls.prototype as object, method) ?? []);
}

/** Inbound middleware on a controller or handler: classes (resolved from the container) or functions. */
export function UseMiddleware(...items: unknown[]): ClassDecorator & MethodDecorator { return register('middleware', items); }
/** Guards: return true to let the message through, false to refuse it with 403. */
export function UseGuards(...items: unknown[]): ClassDecorator & MethodDecorator { return register('guards', items); }
/** Interceptors wrap the handler call to transform its result or its errors. */
export function UseInterceptors(...items: unknown[]): ClassDecorator & MethodDecorator { return register('interceptors', items); }
/** Exception filters turn a thrown error into a reply, or swallow it. */
export function UseFilters(...items: unknown[]): ClassDecorator & MethodDecorator { return register('filters', items); }
