import { addParam } from '../metadata/param.decorators.js';
import type { Type } from '../metadata/types.js';

/*
 * HTTP-only parameter decorators. `@Param(name)`, `@Headers(name?)` and `@Ctx()` come from
 * `@panini/core` and serve NATS and HTTP handlers alike (re-exported by `@panini/core/http`).
 */

/**
 * The parsed JSON body, validated when typed with a DTO class; with a name, one of its fields.
 * The NATS twin is `@Payload()`; both record the same parameter kind.
 * @example
 * @Post() create(@Body() dto: CreateOrderDto) { ... }
 */
export function Body(nameOrType?: string | Type | [Type]): ParameterDecorator {
  const name = typeof nameOrType === 'string' ? nameOrType : undefined;
  const type = typeof nameOrType === 'string' ? undefined : nameOrType;
  return (target, key, index) => addParam(target, key, { index, kind: 'payload', name, type });
}

/**
 * The query string as an object (validated when typed with a DTO class), or one value by name.
 * Values are strings; properties (or a named value) declared `boolean`, `number` or `Date` are
 * converted strictly (`true`/`false`/`1`/`0`, finite numerals, ISO 8601), else 400 naming the field.
 * @example
 * @Get() list(@Query() q: ListOrdersQuery, @Query('sort') sort?: string) { ... }
 */
export function Query(nameOrType?: string | Type): ParameterDecorator {
  const name = typeof nameOrType === 'string' ? nameOrType : undefined;
  const type = typeof nameOrType === 'string' ? undefined : nameOrType;
  return (target, key, index) => addParam(target, key, { index, kind: 'query', name, type });
}

/** The Express request. */
export function Req(): ParameterDecorator {
  return (target, key, index) => addParam(target, key, { index, kind: 'req' });
}

/**
 * The Express response. A method that takes it and returns `undefined` answers by itself
 * (`res.send(...)`); one that returns a value still gets it sent as JSON (set headers, then return).
 */
export function Res(): ParameterDecorator {
  return (target, key, index) => addParam(target, key, { index, kind: 'res' });
}
