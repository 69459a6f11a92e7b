import { isGlobalModule, moduleMetadata } from '../metadata/module.decorator.js';
import { INJECTABLE } from '../metadata/injectable.decorator.js';
import { getOwn } from '../metadata/reflect.js';
import { tokenName, type DynamicModule, type ModuleMetadata, type Provider, type Type } from '../metadata/types.js';
import { ContainerError } from '../errors/container.error.js';
import type { ModuleNode, ProviderDef } from './module-graph.js';
import { isForwardRef, type ForwardReference } from '../metadata/forward-ref.js';

type ModuleRef = Type | DynamicModule;

function isDynamic(m: unknown): m is DynamicModule {
  return typeof m === 'object' && m !== null && typeof (m as DynamicModule).module === 'function';
}

export function normaliseProvider(p: Provider, owner: string): ProviderDef {
  if (typeof p === 'function') {
    return { kind: 'class', token: p, useClass: p, scope: getOwn(INJECTABLE, p)?.scope ?? 'singleton' };
  }
  if (p && typeof p === 'object' && 'provide' in p) {
    if ('useClass' in p) return { kind: 'class', token: p.provide, useClass: p.useClass, scope: p.scope ?? getOwn(INJECTABLE, p.useClass)?.scope ?? 'singleton' };
    if ('useValue' in p) return { kind: 'value', token: p.provide, value: p.useValue };
    if ('useFactory' in p) {
      const inject = (p.inject ?? []).map((i) => (typeof i === 'object' && i !== null && 'token' in i ? { token: i.token, optional: true } : { token: i, optional: false }));
      return { kind: 'factory', token: p.provide, factory: p.useFactory, inject, scope: p.scope ?? 'singleton' };
    }
    if ('useExisting' in p) return { kind: 'existing', token: p.provide, existing: p.useExisting };
  }
  throw new ContainerError('invalid-provider', `module ${owner} lists an invalid provider ${describe(p)}: use a class, or { provide, useClass | useValue | useFactory | useExisting }`);
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined (a circular file import?)';
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
}

/** Swaps a module for another wherever it is imported (the testing module's `overrideModule`). */
export type ModuleReplacer = (module: ModuleRef) => ModuleRef | undefined;

/**
 * Walks the module tree from the root and returns every module as plain data. Pure apart from
 * reading decorator metadata; fails with a ContainerError naming the module on malformed input.
 */
export async function scanModules(root: ModuleRef, extraGlobals: ModuleRef[] = [], replace?: ModuleReplacer): Promise<ModuleNode[]> {
  const byKey = new Map<unknown, ModuleNode>();
  const order: ModuleNode[] = [];
  let nextId = 0;

  const visit = async (ref: ModuleRef | Promise<DynamicModule> | ForwardReference<Type>, from: string, index: number): Promise<ModuleNode> => {
    const given = await ref;
    const forward = isForwardRef(given);
    const imported = forward ? given.forwardRef() : given;
    if (imported === undefined || imported === null) {
      throw new ContainerError(
        'invalid-module',
        forward
          ? `module ${from} imports forwardRef(() => ...) at index ${index}, and its function returns ${String(imported)}: it must return the module class`
          : `module ${from} imports undefined at index ${index}: this usually means a circular file import (two files importing each other). ` +
            `Write that import as forwardRef(() => TheModule) in ${from}, or move the shared module to its own file`,
      );
    }
    const m = replace?.(imported) ?? imported;
    const key = isDynamic(m) ? m : m;
    const known = byKey.get(key);
    if (known) return known;
    const cls = isDynamic(m) ? m.module : m;
    const meta: ModuleMetadata | undefined = moduleMetadata(cls);
    if (!meta && !isDynamic(m)) {
      throw new ContainerError('invalid-module', `${tokenName(cls)} (imported by ${from}) is not a module: decorate it with @Module({...})`);
    }
    const dyn = isDynamic(m) ? m : undefined;
    const name = tokenName(cls);
    const providers = [...(meta?.providers ?? []), ...(dyn?.providers ?? [])].map((p) => normaliseProvider(p, name));
    const node: ModuleNode = {
      cls, id: nextId++, name,
      global: isGlobalModule(cls) || dyn?.global === true,
      imports: [], controllers: [...(meta?.controllers ?? []), ...(dyn?.controllers ?? [])],
      providers, exportTokens: [], exportModules: [], dynamic: dyn,
    };
    byKey.set(key, node);
    order.push(node);
    const imports = [...(meta?.imports ?? []), ...(dyn?.imports ?? [])];
    for (let i = 0; i < imports.length; i++) node.imports.push(await visit(imports[i]!, name, i));
    for (const given of [...(meta?.exports ?? []), ...(dyn?.exports ?? [])]) {
      const e = isForwardRef(given) ? given.forwardRef() : given;
      const imported = node.imports.find((n) => n.cls === e || n.dynamic === e);
      if (imported) node.exportModules.push(imported);
      else if (isDynamic(e)) throw new ContainerError('invalid-export', `module ${name} exports the dynamic module ${tokenName(e.module)} without importing it: add it to imports`);
      else node.exportTokens.push(e);
    }
    return node;
  };

  await visit(root, '<root>', 0);
  for (let i = 0; i < extraGlobals.length; i++) await visit(extraGlobals[i]!, '<panini>', i);
  return order;
}
