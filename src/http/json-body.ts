import type { Request } from 'express';
import { ServiceError } from '../errors/service.error.js';
import type { HttpRouteDefinition } from './http-route.js';

/**
 * Whether the route hands the request body to its method: a `@Body()` parameter, or the
 * `(body, ctx)` form of a method without parameter decorators that takes an argument.
 */
export function readsBody(route: HttpRouteDefinition, arity: number): boolean {
  return route.params.length === 0 ? arity > 0 : route.params.some((p) => p.kind === 'payload');
}

/**
 * The 415 for a request that carries a body no parser read (the JSON parser reads
 * `application/json`; an app may add parsers of its own to `app.http`): without it the method
 * would see no body at all and the client would be told its body is missing or invalid.
 * Undefined when the body can be used.
 */
export function unsupportedBody(req: Request): ServiceError | undefined {
  if (req.body !== undefined) return undefined; // parsed as JSON, or by the app's own parser
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
  if (!hasBody) return undefined;
  const type = req.headers['content-type'];
  const got = type === undefined || type === '' ? 'no content-type' : `content-type '${type}'`;
  return new ServiceError(415, `${req.method} ${req.path} expects a JSON body with content-type 'application/json'; the request has ${got}`, { received: type ?? null, expected: 'application/json' });
}
