import express, { type Router } from 'express';
import { sendError } from './http-errors.js';
import type { HttpRouteDefinition } from './http-route.js';

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A router that answers a controller path asked with a method none of its routes takes: 405 with
 * an `Allow` header listing the methods the path answers. Consulted only once nothing else
 * answered the request, so routes added to `app.http` keep working on the same paths.
 */
export function methodNotAllowedRouter(routes: readonly HttpRouteDefinition[]): Router {
  const byPath = new Map<string, string[]>();
  for (const r of routes) {
    // Express answers HEAD with the GET route
    const methods = r.httpMethod === 'get' ? ['GET', 'HEAD'] : [r.httpMethod.toUpperCase()];
    byPath.set(r.path, [...(byPath.get(r.path) ?? []), ...methods]);
  }
  const router = express.Router();
  for (const [path, methods] of byPath) {
    // several paths can match one URL (/items/search and /items/:id): collect the methods of each
    router.all(path, (_req, res, next) => {
      const allow = (res.locals['allow'] as Set<string> | undefined) ?? new Set<string>();
      for (const m of methods) allow.add(m);
      res.locals['allow'] = allow;
      next();
    });
  }
  router.use((req, res, next) => {
    const found = res.locals['allow'] as Set<string> | undefined;
    if (found === undefined) return next();
    const allow = ORDER.filter((m) => found.has(m)).join(', ');
    res.setHeader('Allow', allow);
    sendError(res, { code: 405, message: `${req.method} is not allowed on ${req.path}; it answers ${allow}` });
  });
  return router;
}
