import { ContainerError } from '../errors/container.error.js';
import type { HttpRouteDefinition } from './http-route.js';

/**
 * Migration hints for the route patterns Express 4 accepted and Express 5 (path-to-regexp 8)
 * refuses, each tested against the path so only the ones that apply are shown.
 */
const HINTS: ReadonlyArray<{ test: RegExp; hint: string }> = [
  { test: /\*(?![A-Za-z_$])/, hint: "a wildcard needs a name in Express 5: write '/*splat' instead of '*' (read it with @Param('splat'), an array of segments), or '/{*splat}' to match the bare path too" },
  { test: /[:*][A-Za-z_$][\w$]*\?/, hint: "optional parts are written in braces in Express 5: '/:file{.:ext}' instead of '/:file.:ext?', '/users{/:id}' instead of '/users/:id?'" },
  { test: /[:][A-Za-z_$][\w$]*[+*]/, hint: "repeating parameters are written as a wildcard in Express 5: '/*parts' instead of '/:parts+' or '/:parts*'" },
  { test: /\(/, hint: "Express 5 has no regular expressions in paths: match a plain ':id' and check it with a DTO or a pipe, or escape a literal '(' as '\\\\('" },
];

/**
 * The error for a route path the router refuses: names the controller method and the path, says
 * how to write it for Express 5 when the cause is a known migration, and keeps the router's
 * error as `cause`.
 */
export function routePatternError(route: HttpRouteDefinition, err: unknown): ContainerError {
  const hints = HINTS.filter((h) => h.test.test(route.path)).map((h) => h.hint);
  const reason = err instanceof Error ? err.message : String(err);
  return new ContainerError(
    'invalid-module',
    `${route.name}: the route path '${route.path}' (${route.httpMethod.toUpperCase()}) is not valid in Express 5: ${reason}` +
      (hints.length ? `. Fix: ${hints.join('; ')}` : '. See the route syntax of Express 5 (path-to-regexp 8): https://expressjs.com/en/guide/migrating-5.html#path-syntax'),
    { cause: err },
  );
}
