import { createRequire } from 'node:module';
import { getMetadataStorage } from 'class-validator';
import type { PaniniApplication } from '../../app.js';
import { DiscoveryService } from '../../discovery.js';
import { tokenName, type DynamicModule, type Type } from '../../metadata/types.js';
import { scanModules } from '../../scanner/module-scanner.js';
import type { ParamDefinition } from '../../scanner/handler-definition.js';
import { planQueues } from '../../scanner/queue-groups.js';
import { isDtoType } from '../../pipeline/validation.js';
import { Scheduler } from '../../scheduler/scheduler.js';
import { isHttpController, scanHttpRoutes } from '../../http/http-route-scanner.js';
import { HTTP_OPTIONS, LIVENESS_PATH, READINESS_PATH, type HttpModuleOptions } from '../../http/http-options.js';
import { APP_OPTIONS, type ResolvedOptions } from '../../app-options.js';
import { resolveBacklog } from '../../pipeline/backlog-options.js';

/** What `panini info` prints, as plain data (`--json` prints exactly this). */
export interface AppDescription {
  rootModule: string;
  modules: Array<{ name: string; global: boolean; imports: string[]; controllers: string[]; providers: string[] }>;
  handlers: Array<{ subject: string; pattern: string; queue: string | null; handler: string; payload: string | null; backlog: BacklogLimits }>;
  dtos: Array<{ name: string; fields: Array<{ name: string; rules: string[] }> }>;
  tasks: Array<{ name: string; handler: string; kind: string; schedule: string }>;
  http: Array<{ method: string; path: string; handler: string; body: string | null }>;
}

/** How many messages may wait per subscription before requests get 503 and events are shed; null is no limit. */
export interface BacklogLimits { maxMessages: number | null; maxBytes: number | null }

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** The queue group a handler joins; null when every instance gets every message. */
export const SERVICE_QUEUE = '<service name>';

function dtoOf(params: readonly ParamDefinition[], kind: 'payload'): Type | [Type] | undefined {
  const p = params.find((x) => x.kind === kind);
  if (!p) return undefined;
  const t = p.designType;
  if (Array.isArray(t) && isDtoType(t[0])) return t as [Type];
  return isDtoType(t) ? t : undefined;
}

const show = (t: Type | [Type] | undefined): string | null => (t === undefined ? null : Array.isArray(t) ? `${t[0].name}[]` : t.name);

const RULE_NAMES: Record<string, string> = { nestedValidation: 'nested', conditionalValidation: 'optional', whitelistValidation: 'allowed' };

interface TypeStorage { findTypeMetadata(target: Type, property: string): { typeFunction: () => unknown } | undefined }

/**
 * class-transformer's `@Type(() => X)` records are the only place the element type of a nested
 * array lives; its storage has no public export, so it is read defensively and only here.
 */
function nestedType(cls: Type, property: string): unknown {
  try {
    const storage = (createRequire(import.meta.url)('class-transformer/cjs/storage.js') as { defaultMetadataStorage: TypeStorage }).defaultMetadataStorage;
    return storage.findTypeMetadata(cls, property)?.typeFunction();
  } catch {
    return undefined;
  }
}

/** Every DTO reachable from `roots` through nested validation (`@ValidateNested` + `@Type`). */
function describeDtos(roots: Type[]): AppDescription['dtos'] {
  const storage = getMetadataStorage();
  const out: AppDescription['dtos'] = [];
  const seen = new Set<Type>();
  const queue = [...roots];
  while (queue.length) {
    const cls = queue.shift()!;
    if (seen.has(cls)) continue;
    seen.add(cls);
    const rules = new Map<string, string[]>();
    for (const m of storage.getTargetValidationMetadatas(cls, '', true, false)) {
      const list = rules.get(m.propertyName) ?? [];
      const name = RULE_NAMES[m.type] ?? m.name ?? storage.getTargetValidatorConstraints(m.constraintCls)[0]?.name ?? m.type;
      if (!list.includes(name)) list.push(name);
      rules.set(m.propertyName, list);
      if (m.type === 'nestedValidation') {
        const nested = nestedType(cls, m.propertyName);
        if (isDtoType(nested)) queue.push(nested);
      }
    }
    // decorators apply bottom-up; reversed, the rules read in source order
    out.push({ name: cls.name, fields: [...rules].map(([name, r]) => ({ name, rules: r.reverse() })) });
  }
  return out;
}

/** Reads modules, handlers, DTOs, tasks and HTTP routes of a created (not started) app. */
export async function describeApp(app: PaniniApplication, root: Type | DynamicModule): Promise<AppDescription> {
  const modules = await scanModules(root);
  const dtoRoots = new Set<Type>();
  const appBacklog = app.get<ResolvedOptions>(APP_OPTIONS).backlog;
  // the same plan as start(), with the name as a placeholder: `<service name>.Controller.method`
  const queues = planQueues(app.handlers, SERVICE_QUEUE).queues;
  const handlers = app.handlers.map((h, i) => {
    const payload = dtoOf(h.params, 'payload');
    if (payload) dtoRoots.add(Array.isArray(payload) ? payload[0] : payload);
    const queue = queues[i]!;
    const limits = resolveBacklog(h.name, h.options.backlog, appBacklog);
    const backlog = { maxMessages: finite(limits.maxMessages), maxBytes: finite(limits.maxBytes) };
    return { subject: h.subject, pattern: h.pattern, queue: queue === false ? null : queue, handler: h.name, payload: show(payload), backlog };
  });

  const discovery = app.get(DiscoveryService);
  const httpControllers = discovery.controllers().map((c) => c.cls).filter(isHttpController);
  const http: AppDescription['http'] = scanHttpRoutes(httpControllers).map((r) => {
    const body = r.params.find((p) => p.kind === 'payload');
    const t = body?.designType;
    const dto = Array.isArray(t) ? (isDtoType(t[0]) ? ([t[0]] as [Type]) : undefined) : isDtoType(t) ? t : undefined;
    if (dto) dtoRoots.add(Array.isArray(dto) ? dto[0] : dto);
    return { method: r.httpMethod.toUpperCase(), path: r.path, handler: r.name, body: show(dto) };
  });
  if (app.container.isBound(HTTP_OPTIONS)) http.unshift(...healthRoutes(app.get<HttpModuleOptions>(HTTP_OPTIONS).health));

  const tasks = app.container.isBound(Scheduler)
    ? app.get(Scheduler).list().map((t) => ({ name: t.name, handler: `${t.className}.${t.method}`, kind: t.kind, schedule: t.schedule }))
    : [];

  return {
    rootModule: modules[0]!.name,
    modules: modules.map((m) => ({
      name: m.name,
      global: m.global,
      imports: m.imports.map((i) => i.name),
      controllers: m.controllers.map((c) => c.name),
      providers: m.providers.map((p) => tokenName(p.token)),
    })),
    handlers,
    dtos: describeDtos([...dtoRoots]),
    tasks,
    http,
  };
}

function healthRoutes(option: HttpModuleOptions['health']): AppDescription['http'] {
  if (option === false) return [];
  const paths = option === true || option === undefined ? {} : option;
  const out: AppDescription['http'] = [];
  const liveness = paths.liveness ?? LIVENESS_PATH;
  const readiness = paths.readiness ?? READINESS_PATH;
  if (liveness !== false) out.push({ method: 'GET', path: liveness, handler: '(built-in liveness probe)', body: null });
  if (readiness !== false) out.push({ method: 'GET', path: readiness, handler: '(built-in readiness probe)', body: null });
  return out;
}
