import { Container } from 'inversify';
import { tokenName, type Scope, type Token, type Type } from '../metadata/types.js';
import type { ModuleNode, ProviderDef } from '../scanner/module-graph.js';
import { classDeps } from './class-deps.js';
import { ContainerError } from './container.errors.js';
import type { ContextualProvider } from '../metadata/contextual-provider.js';

/** One provider (or controller) in one module, bound in Inversify under its own symbol. */
export interface ProviderRef {
  readonly id: symbol;
  readonly token: Token;
  readonly module: ModuleNode;
  readonly def: ProviderDef;
  readonly isController: boolean;
  deps: Array<{ ref: ProviderRef | undefined; optional: boolean }>;
}

export type { ContextualProvider };

export interface BuildOptions {
  /** Replace what any module declares for these tokens (the testing module's overrides). */
  overrides?: Map<Token, ProviderDef>;
  contextual?: ContextualProvider[];
}

export interface BuiltContainer {
  readonly container: Container;
  /** Every ref, dependencies before dependants. */
  readonly refs: ProviderRef[];
  readonly controllers: Array<{ cls: Type; module: ModuleNode; ref: ProviderRef }>;
  /** Tokens that several modules provide, with those modules' names: `get(token)` cannot choose. */
  readonly ambiguous: ReadonlyMap<Token, readonly string[]>;
}

function scopeOf(def: ProviderDef): Scope {
  return def.kind === 'class' || def.kind === 'factory' ? def.scope : 'singleton';
}

/** Turns the scanned module graph into Inversify bindings, enforcing module boundaries. */
export function buildContainer(modules: ModuleNode[], options: BuildOptions = {}): BuiltContainer {
  const overrides = options.overrides ?? new Map<Token, ProviderDef>();
  const contextual = new Map((options.contextual ?? []).map((c) => [c.token, c] as const));
  const own = new Map<ModuleNode, Map<Token, ProviderRef>>();
  const all: ProviderRef[] = [];
  const controllers: BuiltContainer['controllers'] = [];

  const makeRef = (module: ModuleNode, declared: ProviderDef, isController: boolean): ProviderRef => {
    const def = overrides.get(declared.token) ?? declared;
    const ref: ProviderRef = { id: Symbol(`${module.name}:${tokenName(def.token)}`), token: def.token, module, def, isController, deps: [] };
    all.push(ref);
    return ref;
  };

  for (const m of modules) {
    const map = new Map<Token, ProviderRef>();
    for (const p of m.providers) map.set(p.token, makeRef(m, p, false));
    for (const c of m.controllers) {
      const ref = makeRef(m, { kind: 'class', token: c, useClass: c, scope: 'singleton' }, true);
      map.set(c, ref);
      controllers.push({ cls: c, module: m, ref });
    }
    own.set(m, map);
  }

  const exportsCache = new Map<ModuleNode, Map<Token, ProviderRef>>();
  const exported = (m: ModuleNode, stack: ModuleNode[] = []): Map<Token, ProviderRef> => {
    const hit = exportsCache.get(m);
    if (hit) return hit;
    if (stack.includes(m)) return new Map();
    const out = new Map<Token, ProviderRef>();
    const mine = own.get(m)!;
    for (const t of m.exportTokens) {
      const ref = mine.get(t) ?? m.imports.map((i) => exported(i, [...stack, m]).get(t)).find(Boolean);
      if (!ref) {
        throw new ContainerError('invalid-export', `module ${m.name} exports ${tokenName(t)} but neither provides it nor imports a module that exports it: add it to the providers of ${m.name}`);
      }
      out.set(t, ref);
    }
    for (const re of m.exportModules) for (const [t, r] of exported(re, [...stack, m])) out.set(t, r);
    exportsCache.set(m, out);
    return out;
  };

  // every module's exports are checked, not only those somebody imports
  for (const m of modules) exported(m);
  const globals = new Map<Token, ProviderRef>();
  for (const m of modules) if (m.global) for (const [t, r] of exported(m)) if (!globals.has(t)) globals.set(t, r);

  const visible = (m: ModuleNode, t: Token): ProviderRef | undefined =>
    own.get(m)!.get(t) ?? m.imports.map((i) => exported(i).get(t)).find(Boolean) ?? globals.get(t);

  const container = new Container();
  const contextualRefs = new Map<string, ProviderRef>();
  const contextualRef = (m: ModuleNode, cp: ContextualProvider, consumer: string): ProviderRef => {
    const key = `${String(tokenName(cp.token))}@${consumer}`;
    let ref = contextualRefs.get(key);
    if (!ref) {
      ref = { id: Symbol(key), token: cp.token, module: m, def: { kind: 'value', token: cp.token, value: undefined }, isController: false, deps: [] };
      container.bind(ref.id).toResolvedValue(() => cp.create(consumer)).inSingletonScope();
      contextualRefs.set(key, ref);
    }
    return ref;
  };

  const resolveDep = (ref: ProviderRef, token: Token, optional: boolean, where: string): ProviderRef | undefined => {
    const consumer = ref.def.kind === 'class' ? ref.def.useClass.name : tokenName(ref.token);
    const found = visible(ref.module, token);
    if (found) return found;
    const cp = contextual.get(token);
    if (cp) return contextualRef(ref.module, cp, consumer);
    if (optional) return undefined;
    const providers = modules.filter((m) => own.get(m)!.has(token) && m !== ref.module).map((m) => m.name);
    const hint = providers.length
      ? ` ${providers.join(', ')} provide${providers.length === 1 ? 's' : ''} it: export ${tokenName(token)} from ${providers[0]} and add ${providers[0]} to the imports of ${ref.module.name}.`
      : ` Add ${tokenName(token)} to the providers of ${ref.module.name}, or import a module that exports it.`;
    throw new ContainerError('missing-provider', `cannot resolve ${where} of ${consumer} in module ${ref.module.name}: ${tokenName(token)} is not provided there.${hint}`);
  };

  for (const ref of all) {
    const d = ref.def;
    if (d.kind === 'class') {
      ref.deps = classDeps(d.useClass).map((dep) => ({ ref: resolveDep(ref, dep.token, dep.optional, `parameter #${dep.index} (${tokenName(dep.token)})`), optional: dep.optional }));
    } else if (d.kind === 'factory') {
      ref.deps = d.inject.map((dep, i) => ({ ref: resolveDep(ref, dep.token, dep.optional, `factory argument #${i} (${tokenName(dep.token)})`), optional: dep.optional }));
    } else if (d.kind === 'existing') {
      ref.deps = [{ ref: resolveDep(ref, d.existing, false, `useExisting target`), optional: false }];
    }
  }

  const declared = new Set(all);
  // contextual refs are bound already; keep them out of the binding loop
  const ordered = topoSort(all).filter((r) => declared.has(r));

  for (const ref of ordered) {
    const d = ref.def;
    const specs = ref.deps.map((dep) => (dep.ref ? { serviceIdentifier: dep.ref.id, optional: dep.optional } : { serviceIdentifier: Symbol('absent'), optional: true as const }));
    if (d.kind === 'value') container.bind(ref.id).toConstantValue(d.value);
    else if (d.kind === 'existing') container.bind(ref.id).toService(ref.deps[0]!.ref!.id);
    else {
      const make = d.kind === 'class' ? (...args: unknown[]) => new d.useClass(...args) : (...args: unknown[]) => (d.factory as (...a: unknown[]) => unknown)(...args);
      const b = container.bind(ref.id).toResolvedValue(make, specs as never);
      if (scopeOf(d) === 'transient') b.inTransientScope();
      else b.inSingletonScope();
    }
  }
  const publicTokens = new Set<Token>();
  const owners = new Map<Token, Set<ModuleNode>>();
  for (const ref of ordered) {
    const set = owners.get(ref.token) ?? new Set<ModuleNode>();
    owners.set(ref.token, set.add(ref.module));
    if (publicTokens.has(ref.token)) continue;
    publicTokens.add(ref.token);
    container.bind(ref.token as symbol).toService(ref.id);
  }
  const ambiguous = new Map<Token, string[]>();
  for (const [token, set] of owners) if (set.size > 1) ambiguous.set(token, [...set].map((m) => m.name));
  return { container, refs: ordered, controllers, ambiguous };
}

/** Dependencies before dependants; a cycle fails with its path spelled out. */
function topoSort(refs: ProviderRef[]): ProviderRef[] {
  const state = new Map<ProviderRef, 1 | 2>();
  const out: ProviderRef[] = [];
  const path: ProviderRef[] = [];
  const visit = (r: ProviderRef): void => {
    const s = state.get(r);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...path.slice(path.indexOf(r)), r].map((x) => tokenName(x.token)).join(' -> ');
      throw new ContainerError('cycle', `dependency cycle: ${cycle}. Break it by moving the shared part into a third provider, or by resolving one side lazily from the container`);
    }
    state.set(r, 1);
    path.push(r);
    for (const d of r.deps) if (d.ref) visit(d.ref);
    path.pop();
    state.set(r, 2);
    out.push(r);
  };
  for (const r of refs) visit(r);
  return out;
}

export function isSingleton(ref: ProviderRef): boolean {
  return scopeOf(ref.def) === 'singleton';
}
