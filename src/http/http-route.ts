import type { ParamDefinition } from '../scanner/handler-definition.js';
import type { Type } from '../metadata/types.js';
import type { HttpMethod } from './route.decorators.js';

/** Everything Panini knows about one HTTP route of one controller method, as plain data. */
export interface HttpRouteDefinition {
  readonly controller: Type;
  readonly method: string;
  /** `Controller.method`, for logs and errors. */
  readonly name: string;
  readonly httpMethod: HttpMethod;
  /** The full Express path, prefix included (`/orders/:id`). */
  readonly path: string;
  /** Explicit parameter decorators; empty means the handler gets `(body, ctx)`. */
  readonly params: ParamDefinition[];
  /** From `@HttpCode`; undefined means 200 (204 when nothing is returned). */
  readonly httpCode?: number;
  /** From `@Header`. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly extensions: { guards: unknown[]; interceptors: unknown[]; filters: unknown[] };
}

/** Joins a controller prefix and a method path into one Express path: `/orders` + `:id` -> `/orders/:id`. */
export function joinPath(prefix: string, path: string): string {
  const parts = [prefix, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return `/${parts.join('/')}`;
}

/** The parameter names a path declares (`:id`, `*rest`). */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/[:*]([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!);
}
