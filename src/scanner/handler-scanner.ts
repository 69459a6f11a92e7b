import { controllerMetadata } from '../metadata/controller.decorator.js';
import { subjectMethods, subjectsOf } from '../metadata/subject.decorator.js';
import { paramsOf } from '../metadata/param.decorators.js';
import { extensionsOf, type ExtensionKind } from '../metadata/pipeline.decorators.js';
import { designParamTypes, designReturnType } from '../metadata/reflect.js';
import type { Type } from '../metadata/types.js';
import { ContainerError } from '../errors/container.error.js';
import type { HandlerDefinition } from './handler-definition.js';
import { parseSubject } from './subject-pattern.js';
import { handlerSourceDetailsOf, handlerSourceOf, handlerSourceUnprefixed } from '../metadata/handler-source.decorator.js';

const KINDS: ExtensionKind[] = ['middleware', 'guards', 'interceptors', 'filters'];

/** Reads every `@Subject` of the given controllers into plain handler definitions. */
export function scanHandlers(controllers: Type[]): HandlerDefinition[] {
  const out: HandlerDefinition[] = [];
  for (const cls of controllers) {
    const meta = controllerMetadata(cls);
    if (!meta) {
      throw new ContainerError('invalid-module', `${cls.name} is listed in controllers but is not decorated with @Controller()`);
    }
    for (const method of subjectMethods(cls)) {
      const fn = (cls.prototype as Record<string, unknown>)[method];
      if (typeof fn !== 'function') continue;
      const paramTypes = designParamTypes(cls.prototype as object, method);
      const returnType = designReturnType(cls.prototype as object, method);
      const params = paramsOf(cls, method).map((p) => ({ ...p, designType: p.type ?? paramTypes?.[p.index] }));
      const extensions = Object.fromEntries(
        KINDS.map((k) => [k, [...extensionsOf(k, cls), ...extensionsOf(k, cls, method)]]),
      ) as HandlerDefinition['extensions'];
      const prefix = handlerSourceUnprefixed(cls, method) ? '' : meta.prefix;
      for (const { pattern, options } of subjectsOf(cls, method)) {
        let parsed;
        try {
          parsed = parseSubject(prefix, pattern);
        } catch (err) {
          throw new ContainerError('invalid-module', `${cls.name}.${method}: ${(err as Error).message}`);
        }
        for (const p of params) {
          if (p.kind === 'param' && p.name !== undefined && !parsed.tokens.some((t) => t.name === p.name)) {
            throw new ContainerError('invalid-module', `${cls.name}.${method}: @Param('${p.name}') has no '{${p.name}}' token in subject '${pattern}'`);
          }
        }
        out.push({
          controller: cls, method, name: `${cls.name}.${method}`,
          pattern: [prefix, pattern].filter(Boolean).join('.'),
          subject: parsed.subject, tokens: parsed.tokens, options,
          controllerQueue: meta.queue, ...docOf(meta), params, paramTypes, returnType, extensions, ...sourceOf(cls, method),
        });
      }
    }
  }
  return out;
}

function docOf(meta: { tags?: string[]; description?: string }): Pick<HandlerDefinition, 'controllerDoc'> {
  if (meta.tags === undefined && meta.description === undefined) return {};
  return { controllerDoc: { ...(meta.tags ? { tags: meta.tags } : {}), ...(meta.description !== undefined ? { description: meta.description } : {}) } };
}

function sourceOf(cls: Type, method: string): { source?: string; sourceDetails?: Readonly<Record<string, unknown>> } {
  const source = handlerSourceOf(cls, method);
  const sourceDetails = handlerSourceDetailsOf(cls, method);
  return source === undefined ? {} : sourceDetails === undefined ? { source } : { source, sourceDetails };
}
