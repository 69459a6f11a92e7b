import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { logScope, type LogScope } from '../logging/log-scope.js';

export const REQUEST_ID_HEADER = 'x-request-id';

const ids = new WeakMap<Request, string>();
/** What a caller may pass as a request id: short, printable, no spaces. */
const VALID_ID = /^[\w.:/+=@-]{1,128}$/;

/** The request id given to the request by `assignRequestId` (generated if it never ran). */
export function requestIdOf(req: Request): string {
  let id = ids.get(req);
  if (id === undefined) {
    id = randomUUID();
    ids.set(req, id);
  }
  return id;
}

/** Takes the caller's `x-request-id` when it is sensible, else generates one; echoes it on the response. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
  ids.set(req, id);
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
};

/**
 * Runs the rest of the chain inside the request's log scope, so plain Express routes log with
 * the request id too. Placed after the body parser: its stream callbacks lose any earlier scope.
 */
export function runInLogScope(service: string): RequestHandler {
  return (req, _res, next) => {
    const scope: LogScope = { service, requestId: requestIdOf(req), method: req.method, path: req.path };
    logScope.run(scope, next);
  };
}
