import type { Request, RequestHandler, Response } from 'express';
import { runFilters } from '../pipeline/run-filters.js';
import type { Logger } from '../logging/logger.js';
import type { ExceptionFilterFn, GuardFn } from '../extensions/extension.types.js';
import { ForbiddenError } from '../errors/handler.errors.js';
import { toPlain } from '../pipeline/validation.js';
import type { CompiledHttpArgs } from './http-args.js';
import { HttpContext } from './http-context.js';
import { httpErrorReply, sendError } from './http-errors.js';
import type { HttpRouteDefinition } from './http-route.js';
import { requestIdOf } from './request-context.js';
import { unsupportedBody } from './json-body.js';

/** A content type set on the response that is not JSON: a returned string is sent as it is. */
function isTextType(type: unknown): boolean {
  return typeof type === 'string' && type !== '' && !/[/+]json\b/i.test(type);
}

type Chain = (ctx: HttpContext, last: () => Promise<unknown>) => Promise<unknown>;

export interface RouteParts {
  route: HttpRouteDefinition;
  service: string;
  log: Logger;
  args: CompiledHttpArgs;
  /** The method reads the request body, so a body no parser read is answered 415. */
  readsBody: boolean;
  /** The bound controller method. */
  invoke: (...args: unknown[]) => unknown;
  guards: Array<GuardFn<HttpContext>>;
  interceptors?: Chain;
  /** The most specific first. */
  filters: Array<ExceptionFilterFn<HttpContext>>;
  /** Runs the work inside the logging scope of the request. */
  scope?: (ctx: HttpContext, fn: () => Promise<void>) => Promise<void>;
}

/**
 * The Express handler of one route: guards, arguments (validated), interceptors, invoke, answer.
 * Never rejects: every failure goes through the filters and is answered or logged.
 */
export function routeHandler(p: RouteParts): RequestHandler {
  const core = async (ctx: HttpContext): Promise<unknown> => {
    for (const guard of p.guards) {
      if ((await guard(ctx)) !== true) throw new ForbiddenError(p.route.name);
    }
    if (p.readsBody) {
      const unsupported = unsupportedBody(ctx.req);
      if (unsupported) throw unsupported;
    }
    let args = p.args.resolvers.map((fn) => fn(ctx));
    if (p.args.async) args = await Promise.all(args);
    if (p.interceptors) return p.interceptors(ctx, async () => p.invoke(...args));
    return p.invoke(...args);
  };

  const run = async (ctx: HttpContext): Promise<void> => {
    try {
      for (const [name, value] of p.route.headers) ctx.res.setHeader(name, value);
      answer(ctx, await core(ctx));
    } catch (err) {
      await fail(ctx, err);
    }
  };

  const answer = (ctx: HttpContext, result: unknown): void => {
    const res = ctx.res;
    if (res.headersSent) return; // answered through @Res()
    if (result === undefined) {
      if (p.args.usesRes) return; // the handler took the response and answers by itself
      res.status(p.route.httpCode ?? (res.statusCode === 200 ? 204 : res.statusCode)).end();
      return;
    }
    if (p.route.httpCode !== undefined) res.status(p.route.httpCode);
    if (typeof result === 'string' && isTextType(res.getHeader('content-type'))) {
      // the route chose a text type (@Header, res.type(), ctx.setHeader): the string is the body
      res.send(result);
    } else if (result instanceof Uint8Array) {
      if (!res.getHeader('content-type')) res.type('application/octet-stream');
      res.send(Buffer.from(result.buffer, result.byteOffset, result.byteLength));
    } else {
      res.json(toPlain(result));
    }
  };

  const fail = async (ctx: HttpContext, err: unknown): Promise<void> => {
    let reply = await runFilters(p.filters, err, ctx, p.log, p.route.name);
    if (reply === undefined) reply = httpErrorReply(err);
    const res = ctx.res;
    if (reply === null) {
      // swallowed by a filter, which may have answered by itself
      if (!res.headersSent) res.status(204).end();
      return;
    }
    const fields = { method: ctx.method, path: ctx.path, handler: p.route.name, code: reply.code };
    if (reply.code >= 500) p.log.error(`${p.route.name} failed on ${ctx.method} ${ctx.path}`, { ...fields, error: err as Error });
    else p.log.debug(`${p.route.name} answered ${reply.code} on ${ctx.method} ${ctx.path}: ${reply.message}`, fields);
    if (res.headersSent) {
      // too late for an error body: cut the response so the client sees it failed
      res.destroy();
      return;
    }
    sendError(res, reply);
  };

  return (req: Request, res: Response): Promise<void> => {
    const ctx = new HttpContext(req, res, p.route, p.service, requestIdOf(req));
    return p.scope ? p.scope(ctx, () => run(ctx)) : run(ctx);
  };
}
