import type { Response } from 'express';
import { toErrorBody } from '../pipeline/errors.js';
import type { ErrorReply } from '../extensions/extension.types.js';

/** An error raised by Express or body-parser (http-errors): a status and a message safe to show. */
interface ExposedHttpError { status: number; expose: true; message: string; type?: string; limit?: number }

function isExposedHttpError(err: unknown): err is ExposedHttpError {
  const e = err as Partial<ExposedHttpError> | null;
  return typeof e === 'object' && e !== null && e.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500;
}

/**
 * What the client is told about an error: the same mapping as NATS replies (`ServiceError` and
 * `RemoteError` keep their code, a request timeout is 504, no responders 503, anything else a bare
 * 500), plus the body parser's own errors (malformed JSON 400, body too large 413).
 */
export function httpErrorReply(err: unknown): ErrorReply {
  if (isExposedHttpError(err)) {
    if (err.type === 'entity.parse.failed') return { code: 400, message: `malformed JSON body: ${err.message}` };
    if (err.type === 'entity.too.large') return { code: 413, message: `request body is larger than the limit of ${err.limit} bytes` };
    return { code: err.status, message: err.message };
  }
  return toErrorBody(err).error;
}

/** A code the HTTP response can carry; anything else (a `ServiceError(0)`, say) is answered as 500. */
export function httpStatusOf(code: number): number {
  return Number.isInteger(code) && code >= 400 && code <= 599 ? code : 500;
}

/** Writes `{ "error": { code, message, details? } }`, the body NATS error replies carry too. */
export function sendError(res: Response, reply: ErrorReply): void {
  const code = httpStatusOf(reply.code);
  const error = { code, message: reply.message, ...(reply.details !== undefined ? { details: reply.details } : {}) };
  // always JSON, whatever content type the route set for its successful answers
  res.status(code).type('application/json').json({ error });
}
