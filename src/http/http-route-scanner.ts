import { paramsOf } from '../metadata/param.decorators.js';
import { extensionsOf } from '../metadata/pipeline.decorators.js';
import { designParamTypes } from '../metadata/reflect.js';
import type { Type } from '../metadata/types.js';
import { ContainerError } from '../container/container.errors.js';
import { httpControllerMetadata } from './http-controller.decorator.js';
import { httpCodeOf, responseHeadersOf, routesOf } from './route.decorators.js';
import { joinPath, pathParamNames, type HttpRouteDefinition } from './http-route.js';

/** True for a class decorated with `@HttpController`. */
export function isHttpController(cls: unknown): cls is Type {
  return typeof cls === 'function' && httpControllerMetadata(cls as Type) !== undefined;
}

/**
 * Reads every route of the given `@HttpController` classes into plain definitions. Fails at
 * start-up on a `@Param` the path does not declare and on two methods claiming one route.
 */
export function scanHttpRoutes(controllers: Type[]): HttpRouteDefinition[] {
  const out: HttpRouteDefinition[] = [];
  const seen = new Map<string, string>();
  for (const cls of controllers) {
    const meta = httpControllerMetadata(cls);
    if (!meta) throw new ContainerError('invalid-module', `${cls.name} is not decorated with @HttpController()`);
    for (const r of routesOf(cls)) {
      const fn = (cls.prototype as Record<string, unknown>)[r.method];
      if (typeof fn !== 'function') continue;
      const name = `${cls.name}.${r.method}`;
      const path = joinPath(meta.prefix, r.path);
      const types = designParamTypes(cls.prototype as object, r.method) ?? [];
      const params = paramsOf(cls, r.method).map((p) => ({ ...p, designType: p.type ?? types[p.index] }));
      const declared = pathParamNames(path);
      for (const p of params) {
        if (p.kind === 'param' && p.name !== undefined && !declared.includes(p.name)) {
          throw new ContainerError('invalid-module', `${name}: @Param('${p.name}') has no ':${p.name}' in the path '${path}'`);
        }
      }
      const key = `${r.httpMethod.toUpperCase()} ${path}`;
      const other = seen.get(key);
      if (other) throw new ContainerError('invalid-module', `${name} and ${other} both answer ${key}: give one of them another path`);
      seen.set(key, name);
      if (extensionsOf('middleware', cls).length || extensionsOf('middleware', cls, r.method).length) {
        throw new ContainerError('invalid-module', `${name}: @UseMiddleware() is for NATS handlers; on HTTP routes use Express middleware (app.http.use(...)), a guard or an interceptor`);
      }
      const ext = (k: 'guards' | 'interceptors' | 'filters'): unknown[] => [...extensionsOf(k, cls), ...extensionsOf(k, cls, r.method)];
      out.push({
        controller: cls, method: r.method, name, httpMethod: r.httpMethod, path, params,
        httpCode: httpCodeOf(cls, r.method),
        headers: responseHeadersOf(cls, r.method),
        extensions: { guards: ext('guards'), interceptors: ext('interceptors'), filters: ext('filters') },
      });
    }
  }
  return out;
}
