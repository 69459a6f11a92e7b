import type { HandlerDefinition, ParamDefinition } from '../scanner/handler-definition.js';
import { ContainerError } from '../errors/container.error.js';
import type { Type } from '../metadata/types.js';
import type { MessageContext } from './message-context.js';
import { isDtoType, prepareValidator } from './validation.js';
import type { ValidationOptions } from './validation-options.js';
import type { ValueSource } from './dto-conversion.js';
import { compileScalar } from './scalar-conversion.js';
import { dtoWarnings } from './dto-warnings.js';

/** Produces one handler argument from the context; async only where validation runs. */
export type ArgResolver = (ctx: MessageContext) => unknown;

export interface CompiledArgs {
  resolvers: ArgResolver[];
  /** True when some resolver returns a promise (a DTO validated by the libraries, not compiled). */
  async: boolean;
  /** Mistakes that let values through unchecked, for the app to log at start-up. */
  warnings: string[];
}

function pick(p: ParamDefinition): ArgResolver {
  switch (p.kind) {
    case 'payload': return (ctx) => ctx.payload;
    case 'headers': return p.name === undefined ? (ctx) => ctx.headers : (ctx) => ctx.header(p.name!);
    case 'param': return p.name === undefined ? (ctx) => ctx.params : (ctx) => ctx.params[p.name!];
    case 'ctx': return (ctx) => ctx;
    default:
      return () => { throw new Error(`@${p.kind}() is an HTTP parameter and has no meaning for a NATS handler`); };
  }
}

/** The resolver, and whether it returns a promise (a DTO whose metadata could not be compiled). */
function validated(base: ArgResolver, type: Type | [Type], options: ValidationOptions, what: string, source: ValueSource = 'json'): { r: ArgResolver; async: boolean } {
  const { check, compiled } = prepareValidator(type, options, what, source);
  return { r: (ctx) => check(base(ctx)), async: !compiled };
}

/**
 * Resolves every argument where some resolvers are async. A resolver that throws becomes a
 * rejected promise in the list, so `Promise.all` observes every promise already started: a
 * validation started before a later argument threw cannot reject unobserved (which would end the
 * process with an unhandled rejection).
 */
export function resolveArgsAsync(resolvers: ArgResolver[], ctx: MessageContext): Promise<unknown[]> {
  return Promise.all(resolvers.map((fn) => {
    try {
      return fn(ctx);
    } catch (err) {
      return Promise.reject(err);
    }
  }));
}

/**
 * Builds argument resolvers for a handler once, at start-up. Subject tokens and headers are
 * strings: a DTO for them, or a named one declared as a boolean, number or date, is converted by
 * the strict rules of string-conversion.ts.
 * @throws ContainerError when parameter types are unknown, or (`requireRules`) a DTO has no rules.
 */
export function compileArgs(def: HandlerDefinition, options: ValidationOptions): CompiledArgs {
  const warnings = dtoWarnings(def, options);
  const proto = def.controller.prototype as Record<string, (...a: unknown[]) => unknown>;
  const arity = proto[def.method]!.length;
  if (def.params.length === 0) {
    // no parameter decorators: (payload, ctx), the payload validated when typed with a DTO
    const types = def.paramTypes;
    if (types === undefined && arity > 0) throw missingMetadata(def);
    const t = types?.[0];
    const payload = isDtoType(t) ? validated((c) => c.payload, t, options, 'payload') : { r: (c: MessageContext) => c.payload, async: false };
    return { resolvers: [payload.r, (c) => c], async: payload.async, warnings };
  }
  const resolvers: ArgResolver[] = [];
  let isAsync = false;
  for (const p of def.params) {
    if (p.designType === undefined && p.type === undefined && (p.kind === 'payload' || (p.kind !== 'ctx' && p.name === undefined))) {
      throw missingMetadata(def);
    }
    let r = pick(p);
    const t = p.type ?? p.designType;
    const dto = Array.isArray(t) || (isDtoType(t) && p.kind !== 'ctx' && !(p.kind !== 'payload' && p.name !== undefined));
    if (dto && p.kind !== 'ctx') {
      const v = validated(r, t as Type | [Type], options, p.kind === 'payload' ? 'payload' : p.kind, p.kind === 'payload' ? 'json' : 'strings');
      r = v.r;
      isAsync ||= v.async;
    } else if ((p.kind === 'param' || p.kind === 'headers') && p.name !== undefined) {
      const scalar = compileScalar(t, p.name, p.kind === 'param' ? 'subject token' : 'headers');
      if (scalar) {
        const raw = r;
        r = (ctx) => scalar(raw(ctx));
      }
    }
    resolvers[p.index] = r;
  }
  for (let i = 0; i < resolvers.length; i++) resolvers[i] ??= () => undefined;
  return { resolvers, async: isAsync, warnings };
}

function missingMetadata(def: HandlerDefinition): ContainerError {
  return new ContainerError(
    'no-metadata',
    `cannot tell the parameter types of ${def.name} (subject '${def.pattern}'): decorator metadata is missing, so its DTO would not be validated. ` +
      `Compile with "emitDecoratorMetadata" (tsc, or SWC with decoratorMetadata; esbuild-based tools such as tsx, Vite and Vitest drop it), ` +
      `or name the type explicitly: @Payload(CreateOrderDto), or @Payload(Object) for an unvalidated body.`,
  );
}
