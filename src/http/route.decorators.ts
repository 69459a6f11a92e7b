import { get, metaKey, push, set } from '../metadata/reflect.js';
import type { Type } from '../metadata/types.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One `@Get`/`@Post`/... on one method, as written. */
export interface RouteMetadata { method: string; httpMethod: HttpMethod; path: string }

const ROUTES = metaKey<RouteMetadata[]>('http-routes');
const HTTP_CODE = metaKey<number>('http-code');
const RESPONSE_HEADERS = metaKey<Array<[string, string]>>('http-headers');

function route(httpMethod: HttpMethod, path: string): MethodDecorator {
  return (target, key) => push(ROUTES, { method: String(key), httpMethod, path }, target);
}

/**
 * Routes `GET <prefix>/<path>` to the method. Paths use Express 5 syntax: `:id` is a parameter
 * (`@Param('id')`), `*rest` matches the remainder, `{/:optional}` is optional.
 * @example
 * @Get(':id') get(@Param('id') id: string) { ... }
 */
export function Get(path = ''): MethodDecorator { return route('get', path); }
/** Routes `POST <prefix>/<path>` to the method. */
export function Post(path = ''): MethodDecorator { return route('post', path); }
/** Routes `PUT <prefix>/<path>` to the method. */
export function Put(path = ''): MethodDecorator { return route('put', path); }
/** Routes `PATCH <prefix>/<path>` to the method. */
export function Patch(path = ''): MethodDecorator { return route('patch', path); }
/** Routes `DELETE <prefix>/<path>` to the method. */
export function Delete(path = ''): MethodDecorator { return route('delete', path); }

/**
 * The status of a successful answer (default 200, or 204 when the method returns nothing).
 * @example
 * @Post() @HttpCode(201) create(@Body() dto: CreateOrderDto) { ... }
 */
export function HttpCode(code: number): MethodDecorator {
  if (!Number.isInteger(code) || code < 100 || code > 599) throw new RangeError(`@HttpCode(${code}): use a status code between 100 and 599`);
  return (target, key) => set(HTTP_CODE, code, target, key);
}

/**
 * A response header sent with every answer of the method (the handler may still change it).
 * @example
 * @Get() @Header('cache-control', 'no-store') list() { ... }
 */
export function Header(name: string, value: string): MethodDecorator {
  return (target, key) => push(RESPONSE_HEADERS, [name, value] as [string, string], target, key);
}

export function routesOf(cls: Type): RouteMetadata[] {
  return get(ROUTES, cls.prototype as object) ?? [];
}

export function httpCodeOf(cls: Type, method: string): number | undefined {
  return get(HTTP_CODE, cls.prototype as object, method);
}

export function responseHeadersOf(cls: Type, method: string): Array<[string, string]> {
  return get(RESPONSE_HEADERS, cls.prototype as object, method) ?? [];
}
