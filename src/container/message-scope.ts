import { ContainerError } from '../errors/container.error.js';

/**
 * The instances of one handled message's scope: message-scoped providers made for it (so every
 * resolution for that message shares them) and the context they can inject.
 */
export interface MessageScope {
  /** `MessageContext` on NATS, `HttpContext` on HTTP; undefined in a scope opened by `ModuleRef.resolve()` without one. */
  readonly context: object | undefined;
  /** Binding id -> instance. */
  readonly instances: Map<symbol, unknown>;
}

/** Hook a message-scoped provider may implement: awaited once its message is handled (replied or failed). */
export interface OnMessageEnd { onMessageEnd(): unknown }

/** The token message-scoped bindings depend on; bound to the scope being resolved. */
export const MESSAGE_SCOPE = Symbol('panini:message-scope');

const scopes = new WeakMap<object, MessageScope>();
let current: MessageScope | undefined;

/** The scope of `context`, opened on first use. */
export function scopeOf(context: object): MessageScope {
  let scope = scopes.get(context);
  if (scope === undefined) {
    scope = { context, instances: new Map() };
    scopes.set(context, scope);
  }
  return scope;
}

/** A scope for a resolution outside any message (`ModuleRef.resolve(token)`). */
export function detachedScope(): MessageScope {
  return { context: undefined, instances: new Map() };
}

/**
 * Runs a synchronous resolution with `scope` as the message scope. Inversify resolves a `get`
 * synchronously, so one slot is enough: no child container per message (tens of µs each), no
 * async context.
 */
export function inScope<T>(scope: MessageScope, resolve: () => T): T {
  const prev = current;
  current = scope;
  try {
    return resolve();
  } finally {
    current = prev;
  }
}

/** What the `MESSAGE_SCOPE` binding returns. */
export function currentScope(what: () => string): MessageScope {
  if (current === undefined) {
    throw new ContainerError(
      'scope',
      `${what()} is message-scoped (one instance per handled message) and was resolved outside a message: ` +
        `inject it into a controller or another message-scoped provider, or resolve it with moduleRef.resolve(token, ctx)`,
    );
  }
  return current;
}

/**
 * Forgets the scope of `context` and awaits `onMessageEnd()` on its instances, the last made
 * first; undefined (nothing to wait for) when none has the hook.
 */
export function endScope(context: object): Promise<void> | undefined {
  const scope = scopes.get(context);
  if (scope === undefined) return undefined;
  scopes.delete(context);
  const ending = [...scope.instances.values()].filter((i) => typeof (i as Partial<OnMessageEnd> | null)?.onMessageEnd === 'function') as OnMessageEnd[];
  if (ending.length === 0) return undefined;
  return (async () => {
    for (const inst of ending.reverse()) await inst.onMessageEnd();
  })();
}
