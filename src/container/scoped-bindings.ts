import { tokenName, type Scope } from '../metadata/types.js';
import type { ProviderDef } from '../scanner/module-graph.js';
import { ContainerError } from './container.errors.js';
import { currentScope, MESSAGE_SCOPE } from './message-scope.js';
import { lazyRef } from './lazy-ref.js';
import type { ProviderRef } from './container-builder.js';

/** The scope a provider was declared with (values and aliases count as singletons). */
export function scopeOf(def: ProviderDef): Scope {
  return def.kind === 'class' || def.kind === 'factory' ? def.scope : 'singleton';
}

/** Decides, dependencies first, which refs are made per message; a singleton on that path is refused. */
export function markScope(ref: ProviderRef): void {
  const d = ref.def;
  if ((d.kind === 'class' || d.kind === 'factory') && d.scope === 'message') {
    ref.messageScoped = true;
    return;
  }
  for (const dep of ref.deps) {
    if (dep.forward && dep.ref?.messageScoped) {
      throw new ContainerError('scope', `${dep.label} is a forwardRef() to ${tokenName(dep.ref.token)}, which is message-scoped: a forwardRef() stand-in is resolved once, outside any message. Break the cycle another way, or make both sides message-scoped without forwardRef()`);
    }
  }
  const via = ref.deps.find((dep) => !dep.forward && dep.ref?.messageScoped);
  if (via === undefined) return;
  if (ref.isController || d.kind === 'existing' || scopeOf(d) === 'transient') {
    ref.messageScoped = true;
    return;
  }
  const chain = [ref];
  for (let r: ProviderRef | undefined = via.ref; r; r = r.deps.find((x) => !x.forward && x.ref?.messageScoped)?.ref) {
    chain.push(r);
    if (r.token === MESSAGE_SCOPE || (r.def.kind !== 'value' && r.def.kind !== 'existing' && r.def.scope === 'message')) break;
  }
  const name = tokenName(ref.token);
  const last = chain[chain.length - 1]!;
  const lastName = last.token === MESSAGE_SCOPE ? 'the message scope' : tokenName(last.token);
  throw new ContainerError(
    'scope',
    `${name} (module ${ref.module.name}) is a singleton but depends on ${lastName}, which is message-scoped (${chain.map((r) => r.token === MESSAGE_SCOPE ? 'message scope' : tokenName(r.token)).join(' -> ')}). ` +
      `A singleton is made once, so it would keep the first message's ${lastName} for every later message. ` +
      `Make ${name} message-scoped (@Injectable({ scope: 'message' }) or scope: 'message' on its provider), ` +
      `or inject ModuleRef and call moduleRef.resolve(${lastName}, ctx) where the message is known`,
  );
}

/** A message-scoped binding: one instance per message, kept in the scope so later resolutions share it. */
export function oncePerMessage(ref: ProviderRef, make: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const name = (): string => tokenName(ref.token);
  return (...args) => {
    const scope = currentScope(name);
    const known = scope.instances.get(ref.id);
    if (known !== undefined) return known;
    const made = make(...args);
    if (made !== null && typeof made === 'object' && typeof (made as { then?: unknown }).then === 'function') {
      throw new ContainerError('scope', `the factory of ${name()} returned a promise: message-scoped providers are made synchronously, while the message is handled. Resolve async work in a singleton and inject it`);
    }
    scope.instances.set(ref.id, made);
    return made;
  };
}

/** Puts a lazy stand-in at every `forwardRef()` parameter; the other arguments come from Inversify in order. */
export function withForwardRefs(ref: ProviderRef, build: (...args: unknown[]) => unknown, get: (id: symbol) => unknown): (...args: unknown[]) => unknown {
  if (!ref.deps.some((d) => d.forward)) return build;
  const deps = ref.deps;
  return (...given) => {
    const args: unknown[] = [];
    let next = 0;
    for (const d of deps) {
      if (!d.forward) args.push(given[next++]);
      else {
        const target = d.ref;
        args.push(target === undefined ? undefined : lazyRef(() => get(target.id), `${tokenName(target.token)} (${d.label})`));
      }
    }
    return build(...args);
  };
}
