import type { Type } from '../metadata/types.js';
import { loadDtoSchemas, type JsonSchema } from '../micro/dto-schemas.js';
import { standaloneSchema } from '../micro/endpoint-schemas.js';

/**
 * A self-contained JSON Schema (draft-07) of a DTO class, or of an array of it with `[Class]`,
 * derived from its class-validator rules, nested classes under `definitions`. The same schema
 * the AsyncAPI document and `$SRV.INFO` show. Rules a schema cannot express are listed in the
 * contracts guide.
 * @example
 * const schema = await dtoJsonSchema(CreateOrderDto);
 * new Ajv({ strict: false }).compile(schema)(body);
 */
export async function dtoJsonSchema(t: Type | [Type]): Promise<JsonSchema> {
  return standaloneSchema(t, await loadDtoSchemas('#/definitions/'));
}
