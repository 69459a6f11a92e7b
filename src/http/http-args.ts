import type { ParamDefinition } from '../scanner/handler-definition.js';
import { ContainerError } from '../container/container.errors.js';
import { designParamTypes } from '../metadata/reflect.js';
import type { Type } from '../metadata/types.js';
import { compileValidator, isDtoType } from '../pipeline/validation.js';
import { compileScalar } from '../pipeline/scalar-conversion.js';
import type { ValidationOptions } from '../pipeline/validation-options.js';
import type { HttpContext } from './http-context.js';
import type { HttpRouteDefinition } from './http-route.js';

/** Produces one handler argument from the request; async only where validation runs. */
export type HttpArgResolver = (ctx: HttpContext) => unknown;

export interface CompiledHttpArgs {
  resolvers: HttpArgResolver[];
  /** True when some resolver returns a promise (a DTO to validate). */
  async: boolean;
  /** The handler takes `@Res()`, so it may answer by itself. */
  usesRes: boolean;
}

const field = (obj: unknown, name: string): unknown =>
  obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[name] : undefined;

function pick(p: ParamDefinition): HttpArgResolver {
  const name = p.name;
  switch (p.kind) {
    case 'payload': return name === undefined ? (c) => c.req.body : (c) => field(c.req.body, name);
    case 'query': return name === undefined ? (c) => c.req.query : (c) => c.req.query[name];
    case 'param': return name === undefined ? (c) => c.req.params : (c) => c.req.params[name];
    case 'headers': {
      const lower = name?.toLowerCase();
      return lower === undefined ? (c) => c.req.headers : (c) => c.req.headers[lower];
    }
    case 'ctx': return (c) => c;
    case 'req': return (c) => c.req;
    case 'res': return (c) => c.res;
  }
}

/** What a validation failure calls the value: `invalid body: name`. */
const LABEL: Partial<Record<ParamDefinition['kind'], string>> = { payload: 'body', query: 'query', param: 'path parameters', headers: 'headers' };

function validated(base: HttpArgResolver, type: Type | [Type], options: ValidationOptions, what: string): HttpArgResolver {
  // query, path parameters and headers are strings: declared booleans, numbers and dates convert strictly
  const check = compileValidator(type, options, what, what === 'body' ? 'json' : 'strings');
  return (c) => check(base(c));
}

/**
 * Builds argument resolvers for a route once, at start-up: the same validation step as NATS
 * payloads, so a bad body answers 400 with the same error body.
 */
export function compileHttpArgs(route: HttpRouteDefinition, options: ValidationOptions): CompiledHttpArgs {
  const proto = route.controller.prototype as Record<string, (...a: unknown[]) => unknown>;
  if (route.params.length === 0) {
    // no parameter decorators: (body, ctx), like a NATS handler's (payload, ctx)
    const types = designParamTypes(route.controller.prototype as object, route.method);
    if (types === undefined && proto[route.method]!.length > 0) throw missingMetadata(route);
    const t = types?.[0];
    const body: HttpArgResolver = isDtoType(t) ? validated((c) => c.req.body, t, options, 'body') : (c) => c.req.body;
    return { resolvers: [body, (c) => c], async: isDtoType(t), usesRes: false };
  }
  const resolvers: HttpArgResolver[] = [];
  let isAsync = false;
  for (const p of route.params) {
    const whole = p.name === undefined && (p.kind === 'payload' || p.kind === 'query' || p.kind === 'param' || p.kind === 'headers');
    if (whole && p.designType === undefined && p.type === undefined) throw missingMetadata(route);
    let r = pick(p);
    const t = p.type ?? p.designType;
    if (whole && (Array.isArray(t) || isDtoType(t))) {
      r = validated(r, t as Type | [Type], options, LABEL[p.kind]!);
      isAsync = true;
    } else if (p.name !== undefined && p.kind !== 'payload' && LABEL[p.kind]) {
      const scalar = compileScalar(t, p.name, LABEL[p.kind]!);
      if (scalar) {
        const raw = r;
        r = (c) => scalar(raw(c));
      }
    }
    resolvers[p.index] = r;
  }
  for (let i = 0; i < resolvers.length; i++) resolvers[i] ??= () => undefined;
  return { resolvers, async: isAsync, usesRes: route.params.some((p) => p.kind === 'res') };
}

function missingMetadata(route: HttpRouteDefinition): ContainerError {
  return new ContainerError(
    'no-metadata',
    `cannot tell the parameter types of ${route.name} (${route.httpMethod.toUpperCase()} ${route.path}): decorator metadata is missing, so its DTO would not be validated. ` +
      `Compile with "emitDecoratorMetadata" (tsc, or SWC with decoratorMetadata; esbuild-based tools such as tsx, Vite and Vitest drop it), ` +
      `or name the type explicitly: @Body(CreateOrderDto), or @Body(Object) for an unvalidated body.`,
  );
}
