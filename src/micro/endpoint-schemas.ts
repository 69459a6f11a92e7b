import type { HandlerDefinition } from '../scanner/handler-definition.js';
import { isDtoType } from '../pipeline/validation.js';
import type { Type } from '../metadata/types.js';
import { loadDtoSchemas, type DtoSchemas, type JsonSchema } from './dto-schemas.js';

type Schema = JsonSchema;

/** The DTO a handler validates its payload with (a class, or `[Class]` for an array), if any. */
export function requestType(def: HandlerDefinition): Type | [Type] | undefined {
  if (def.params.length === 0) {
    const t = def.paramTypes?.[0];
    return isDtoType(t) ? t : undefined;
  }
  const p = def.params.find((x) => x.kind === 'payload');
  const t = (p?.type ?? p?.designType) as unknown;
  if (Array.isArray(t) && isDtoType(t[0])) return [t[0]];
  return isDtoType(t) && t !== Promise ? t : undefined;
}

/**
 * The reply class: `@Subject(..., { returns })`, else the emitted return type (an async method's
 * `Promise` says nothing about its value).
 */
export function responseType(def: HandlerDefinition): Type | [Type] | undefined {
  if (def.options.returns !== undefined) return def.options.returns;
  const t = def.returnType;
  return isDtoType(t) && t !== Promise ? t : undefined;
}

/** A self-contained schema: the value's schema with every class it refers to under `definitions`. */
export function standaloneSchema(t: Type | [Type], schemas: DtoSchemas): Schema {
  const root = Array.isArray(t) ? t[0] : t;
  const definitions = schemas.named([root]);
  // the root stays under definitions too: a class that nests itself refers to it there
  const self = Array.isArray(t) ? { type: 'array', items: definitions[root.name] } : definitions[root.name]!;
  const others = Object.keys(definitions).filter((n) => n !== root.name);
  return others.length ? { ...self, definitions } : self;
}

/**
 * The endpoint metadata of a handler: `request_schema` and `response_schema`, JSON Schema
 * documents as strings ($SRV metadata values are strings), for the DTO classes it declares.
 * Empty when it declares none.
 */
export async function endpointSchemas(def: HandlerDefinition): Promise<Record<string, string>> {
  const req = requestType(def);
  const res = responseType(def);
  if (req === undefined && res === undefined) return {};
  const schemas = await loadDtoSchemas('#/definitions/');
  const schemaOf = (t: Type | [Type]): Schema => standaloneSchema(t, schemas);
  const out: Record<string, string> = {};
  if (req !== undefined) out['request_schema'] = JSON.stringify(schemaOf(req));
  if (res !== undefined) out['response_schema'] = JSON.stringify(schemaOf(res));
  return out;
}
