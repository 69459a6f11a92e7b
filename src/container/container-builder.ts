import { Container } from 'inversify';
import { tokenName, type Scope, type Token, type Type } from '../metadata/types.js';
import type { ModuleNode, ProviderDef } from '../scanner/module-graph.js';
import { classDeps } from './class-deps.js';
import { ContainerError } from './container.errors.js';
import type { ContextualProvider } from '../metadata/contextual-provider.js';
import { currentScope, inScope, MESSAGE_SCOPE, scopeOf as messageScopeOf } from './message-scope.js';
import { markScope, oncePerMessage, scopeOf, withForwardRefs } from './scoped-bindings.js';
import { ModuleRef, type ModuleResolver } from './module-ref.js';

/** One provider (or controller) in one module, bound in Inversify under its own symbol. */
export interface ProviderRef {
  readonly id: symbol;
  readonly token: Token;
  readonly module: ModuleNode;
  readonly def: ProviderDef;
  readonly isController: boolean;
  /** `label` names the parameter for errors; `forward`: given through `forwardRef()`. */
  deps: Array<{ ref: ProviderRef | undefined; optional: boolean; forward?: boolean; label: string }>;
  /**
   * Made once per handled message: declared `scope: 'message'`, or a controller, transient
   * provider or alias that depends on one (decided once, at build).
   */
  messageScoped: boolean;
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
  /** Resolves a binding within the message scope of `context` (a `MessageContext` or `HttpContext`). */
  resolveIn(id: symbol, context: object): unknown;
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
    const ref: ProviderRef = { id: Symbol(`${module.name}:${tokenName(def.token)}`), token: def.token, module, def, isController, deps: [], messageScoped: false };
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
      ref = { id: Symbol(key), token: cp.token, module: m, def: { kind: 'value', token: cp.token, value: undefined }, isController: false, deps: [], messageScoped: false };
      container.bind(ref.id).toResolvedValue(() => cp.create(consumer)).inSingletonScope();
      contextualRefs.set(key, ref);
    }
    return ref;
  };

  // the scope being resolved: what MessageContext, HttpContext (and users' factories) read
  const scopeRef: ProviderRef = { id: Symbol('panini:message-scope'), token: MESSAGE_SCOPE, module: modules[0]!, def: { kind: 'value', token: MESSAGE_SCOPE, value: undefined }, isController: false, deps: [], messageScoped: true };
  container.bind(scopeRef.id).toDynamicValue(() => currentScope(() => 'the message scope'));
  const moduleRefs = new Map<ModuleNode, ProviderRef>();
  const moduleRefOf = (m: ModuleNode): ProviderRef => {
    let ref = moduleRefs.get(m);
    if (!ref) {
      ref = { id: Symbol(`${m.name}:ModuleRef`), token: ModuleRef, module: m, def: { kind: 'value', token: ModuleRef, value: undefined }, isController: false, deps: [], messageScoped: false };
      container.bind(ref.id).toConstantValue(new ModuleRef(resolverFor(m)));
      moduleRefs.set(m, ref);
    }
    return ref;
  };
  const instance = (id: symbol, scope: Parameters<typeof inScope>[0] | undefined): unknown =>
    scope === undefined ? container.get(id) : inScope(scope, () => container.get(id));
  const resolverFor = (m: ModuleNode): ModuleResolver => ({
    module: m.name,
    find: (token, where) => {
      if (where === 'anywhere') {
        const names = ambiguous.get(token);
        if (names !== undefined) throw new ContainerError('ambiguous-token', `moduleRef.get(): ${tokenName(token)} is provided by ${names.length} modules (${names.join(', ')}): get it with { strict: true } from a module that provides it`);
      }
      const ref = where === 'own' ? own.get(m)!.get(token) : all.find((r) => r.token === token);
      return ref && { id: ref.id, singleton: isSingleton(ref) };
    },
    visible: (token) => visible(m, token) ?? (token === MESSAGE_SCOPE ? scopeRef : undefined),
    instance,
    deps: classDeps,
  });

  const resolveDep = (ref: ProviderRef, token: Token, optional: boolean, where: string): ProviderRef | undefined => {
    const consumer = ref.def.kind === 'class' ? ref.def.useClass.name : tokenName(ref.token);
    const found = visible(ref.module, token);
    if (found) return found;
    if (token === MESSAGE_SCOPE) return scopeRef;
    if (token === ModuleRef) return moduleRefOf(ref.module);
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
    const owner = ref.def.kind === 'class' ? ref.def.useClass.name : tokenName(ref.token);
    if (d.kind === 'class') {
      ref.deps = classDeps(d.useClass).map((dep) => {
        const label = `parameter #${dep.index} of ${owner}`;
        return { ref: resolveDep(ref, dep.token, dep.optional, `parameter #${dep.index} (${tokenName(dep.token)})`), optional: dep.optional, forward: dep.forward, label };
      });
    } else if (d.kind === 'factory') {
      ref.deps = d.inject.map((dep, i) => ({ ref: resolveDep(ref, dep.token, dep.optional, `factory argument #${i} (${tokenName(dep.token)})`), optional: dep.optional, label: `factory argument #${i} of ${owner}` }));
    } else if (d.kind === 'existing') {
      ref.deps = [{ ref: resolveDep(ref, d.existing, false, `useExisting target`), optional: false, label: `the useExisting target of ${owner}` }];
    }
  }

  const declared = new Set(all);
  // contextual and intrinsic refs are bound already; keep them out of the binding loop
  const ordered = topoSort(all).filter((r) => declared.has(r));
  for (const ref of ordered) markScope(ref);

  for (const ref of ordered) {
    const d = ref.def;
    const direct = ref.deps.filter((dep) => !dep.forward);
    const specs = direct.map((dep) => (dep.ref ? { serviceIdentifier: dep.ref.id, optional: dep.optional } : { serviceIdentifier: Symbol('absent'), optional: true as const }));
    if (d.kind === 'value') container.bind(ref.id).toConstantValue(d.value);
    else if (d.kind === 'existing') container.bind(ref.id).toService(ref.deps[0]!.ref!.id);
    else {
      const build = d.kind === 'class' ? (...args: unknown[]) => new d.useClass(...args) : (...args: unknown[]) => (d.factory as (...a: unknown[]) => unknown)(...args);
      const make = withForwardRefs(ref, build, (id) => container.get(id));
      const declaredMessage = d.scope === 'message';
      const b = container.bind(ref.id).toResolvedValue(declaredMessage ? oncePerMessage(ref, make) : make, specs as never);
      if (declaredMessage) b.inRequestScope();
      else if (ref.messageScoped || scopeOf(d) === 'transient') b.inTransientScope();
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
  return { container, refs: ordered, controllers, ambiguous, resolveIn: (id, context) => inScope(messageScopeOf(context), () => container.get(id)) };
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
      const members = [...path.slice(path.indexOf(r)), r];
      const cycle = members.map((x) => tokenName(x.token)).join(' -> ');
      // the edge that closes the cycle: the last member's parameter pointing back at the first
      const closing = members[members.length - 2]!;
      const edge = closing.deps.find((d) => d.ref === r);
      const where = edge && closing.def.kind === 'class'
        ? ` Mark one parameter of the cycle with forwardRef(), for example ${edge.label}: @Inject(forwardRef(() => ${tokenName(r.token)})) (it then receives a stand-in usable after construction),`
        : ' Give one class parameter of the cycle @Inject(forwardRef(() => TheOtherClass)),';
      throw new ContainerError('cycle', `dependency cycle: ${cycle}.${where} or move the shared part into a third provider`);
    }
    state.set(r, 1);
    path.push(r);
    for (const d of r.deps) if (d.ref && !d.forward) visit(d.ref);
    path.pop();
    state.set(r, 2);
    out.push(r);
  };
  for (const r of refs) visit(r);
  return out;
}

export function isSingleton(ref: ProviderRef): boolean {
  return !ref.messageScoped && scopeOf(ref.def) === 'singleton';
}
