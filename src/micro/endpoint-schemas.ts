import type { HandlerDefinition } from '../scanner/handler-definition.js';
import { isDtoType } from '../pipeline/validation.js';
import type { Type } from '../metadata/types.js';

type Schema = Record<string, unknown>;
type ToSchema = (cls: Type) => Schema;

/** The DTO a handler validates its payload with (a class, or `[Class]` for an array), if any. */
function requestType(def: HandlerDefinition): Type | [Type] | undefined {
  if (def.params.length === 0) {
    const t = def.paramTypes?.[0];
    return isDtoType(t) ? t : undefined;
  }
  const p = def.params.find((x) => x.kind === 'payload');
  const t = (p?.type ?? p?.designType) as unknown;
  if (Array.isArray(t) && isDtoType(t[0])) return [t[0]];
  return isDtoType(t) && t !== Promise ? t : undefined;
}

/** The declared return class; an async method's `Promise` says nothing about its value. */
function responseType(def: HandlerDefinition): Type | undefined {
  const t = def.returnType;
  return isDtoType(t) && t !== Promise ? t : undefined;
}

/**
 * A JSON Schema per class, with the classes it refers to under `definitions`, so every `$ref`
 * resolves inside the one document.
 */
function withDefinitions(root: Schema, all: Record<string, Schema>): Schema {
  const definitions: Record<string, Schema> = {};
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) {
        const name = v.slice('#/definitions/'.length);
        if (definitions[name] === undefined && all[name] !== undefined) {
          definitions[name] = all[name];
          visit(all[name]);
        }
      } else visit(v);
    }
  };
  visit(root);
  return Object.keys(definitions).length ? { ...root, definitions } : root;
}

let converter: Promise<{ one: ToSchema; all: () => Record<string, Schema> }> | undefined;

/** Loaded on the first `$SRV.INFO`, so a service nobody inspects never loads the schema library. */
function load(): Promise<{ one: ToSchema; all: () => Record<string, Schema> }> {
  converter ??= (async () => {
    const lib = await import('class-validator-jsonschema');
    // the storage that knows `@Type(() => Nested)`, so nested DTOs become `$ref`s
    const ct = (await import('class-transformer/cjs/storage.js' as string)) as { defaultMetadataStorage: unknown };
    const options = { refPointerPrefix: '#/definitions/', classTransformerMetadataStorage: ct.defaultMetadataStorage as never };
    return {
      one: (cls) => lib.targetConstructorToSchema(cls, options) as Schema,
      all: () => lib.validationMetadatasToSchemas(options) as Record<string, Schema>,
    };
  })();
  return converter;
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
  const { one, all } = await load();
  const every = all();
  const schemaOf = (t: Type | [Type]): Schema => withDefinitions(Array.isArray(t) ? { type: 'array', items: one(t[0]) } : one(t), every);
  const out: Record<string, string> = {};
  if (req !== undefined) out['request_schema'] = JSON.stringify(schemaOf(req));
  if (res !== undefined) out['response_schema'] = JSON.stringify(schemaOf(res));
  return out;
}
