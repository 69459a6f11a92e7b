import { ContainerError } from '../errors/container.error.js';
import type { Type } from '../metadata/types.js';
import type { HandlerDefinition } from '../scanner/handler-definition.js';
import { hasValidationMetadata, isDtoType } from './validation.js';
import type { ValidationOptions } from './validation-options.js';

/**
 * The payload of a handler as declared: an explicit type wins over the emitted one, and a handler
 * without parameter decorators takes its payload first.
 */
function declaredPayload(def: HandlerDefinition): { explicit: unknown; design: unknown } | undefined {
  if (def.params.length === 0) return def.paramTypes?.length ? { explicit: undefined, design: def.paramTypes[0] } : undefined;
  const p = def.params.find((q) => q.kind === 'payload' && q.name === undefined);
  return p && { explicit: p.type, design: p.designType };
}

/**
 * Start-up checks for payload declarations that let values through unchecked without a word:
 * a DTO class with no class-validator rule (nothing is validated, nothing stripped) and an array
 * payload whose element type TypeScript does not emit. Returns one message per mistake, naming
 * the handler and the fix.
 * @throws ContainerError (`no-metadata`) instead, when `requireRules` is set.
 */
export function dtoWarnings(def: HandlerDefinition, options: ValidationOptions): string[] {
  if (options.disabled === true) return [];
  const declared = declaredPayload(def);
  if (!declared) return [];
  const t = declared.explicit ?? declared.design;
  const where = `${def.name} (subject '${def.pattern}')`;
  const out: string[] = [];
  if (declared.explicit === undefined && t === Array) {
    out.push(`${where} takes an array payload whose element type is not known at run time, so its elements are not validated: ` +
      `name it, @Payload([ItemDto]) items: ItemDto[], or write @Payload(Array) to accept any array`);
  } else {
    const cls = Array.isArray(t) ? (t[0] as unknown) : t;
    if (isDtoType(cls) && !hasValidationMetadata(cls as Type)) {
      out.push(`${(cls as Type).name}, the payload of ${where}, has no class-validator rule, so nothing in it is validated and unknown fields are kept: ` +
        `add rules (@IsString(), @IsInt(), ...), or write @Payload(Object) for a payload the handler checks itself`);
    }
  }
  if (out.length && options.requireRules === true) {
    throw new ContainerError('no-metadata', `${out[0]} (validation.requireRules is on)`);
  }
  return out;
}
