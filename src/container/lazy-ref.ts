/**
 * The stand-in a `forwardRef()` constructor parameter receives: it resolves the provider on first
 * use and forwards every property read, write and call to it, with methods bound to the real
 * instance (so `#private` fields work). Using it inside the constructor that received it fails,
 * since the other side of the cycle is being built then.
 */
export function lazyRef(resolve: () => unknown, what: string): object {
  let target: object | undefined;
  let resolving = false;
  const bound = new Map<PropertyKey, unknown>();
  const real = (): object => {
    if (target !== undefined) return target;
    if (resolving) throw new Error(`${what} is used while it is being created: a forwardRef() parameter may be used after construction only`);
    resolving = true;
    try {
      target = resolve() as object;
    } finally {
      resolving = false;
    }
    return target;
  };
  return new Proxy(Object.create(null) as object, {
    get(_t, key) {
      const t = real();
      const v = Reflect.get(t, key, t) as unknown;
      if (typeof v !== 'function') return v;
      let fn = bound.get(key);
      if (fn === undefined || (fn as { original?: unknown }).original !== v) {
        fn = Object.assign((v as (...a: unknown[]) => unknown).bind(t), { original: v });
        bound.set(key, fn);
      }
      return fn;
    },
    set: (_t, key, value) => Reflect.set(real(), key, value),
    has: (_t, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d === undefined ? undefined : { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
