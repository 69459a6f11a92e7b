import { PayloadTooLargeError } from '../transport/payload-rules.js';

/**
 * An error that carries a status code to the caller. Throw it from a handler to choose the code;
 * any other error is answered with 500 and its message is not sent.
 * @example
 * throw new ServiceError(404, `order ${id} not found`);
 */
export class ServiceError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ServiceError';
  }
}

/** The responder answered with an error (`Nats-Service-Error-Code` header). */
export class RemoteError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details?: unknown,
    readonly subject?: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** No reply arrived within the request's timeout. */
export class RequestTimeoutError extends Error {
  readonly code = 504;
  constructor(readonly subject: string, readonly timeout: number, options?: ErrorOptions) {
    super(`request to '${subject}' timed out after ${timeout} ms`, options);
    this.name = 'RequestTimeoutError';
  }
}

/** Nobody listens on the subject: the request fails at once instead of waiting for the timeout. */
export class NoRespondersError extends Error {
  readonly code = 503;
  constructor(readonly subject: string, options?: ErrorOptions) {
    super(`no responders are listening on '${subject}'`, options);
    this.name = 'NoRespondersError';
  }
}

/**
 * The message could not be decoded with the handler's codec. The message never quotes the
 * payload: it keeps a reason from the built-in codecs (`not valid JSON at position 12`, `JSON
 * nested deeper than 64 levels (at byte 70)`) or a ServiceError's message from a custom codec,
 * and otherwise names only the error's class. The codec's error is not kept as `cause` for the
 * same reason (V8's JSON errors quote the input).
 */
export class DecodeError extends ServiceError {
  constructor(codec: string, cause: unknown) {
    super(400, `malformed payload: cannot decode as ${codec}: ${decodeReason(cause)}`);
    this.name = 'DecodeError';
  }
}

function decodeReason(cause: unknown): string {
  if (cause instanceof Error && (cause.name === 'MalformedPayloadError' || cause instanceof ServiceError)) return cause.message;
  if (cause instanceof RangeError && /call stack/i.test(cause.message)) return 'nested too deeply';
  return `the codec threw ${cause instanceof Error ? cause.name : typeof cause}`;
}

export interface ErrorBody { error: { code: number; message: string; details?: unknown } }

/** Maps any thrown value to what the caller is told. Unknown errors become a bare 500. */
export function toErrorBody(err: unknown): ErrorBody {
  const e = err as { code?: unknown; message?: unknown; details?: unknown };
  if (err instanceof ServiceError || err instanceof RemoteError) {
    return { error: { code: e.code as number, message: String(e.message), ...(e.details !== undefined ? { details: e.details } : {}) } };
  }
  if (err instanceof RequestTimeoutError || err instanceof NoRespondersError || err instanceof PayloadTooLargeError) {
    return { error: { code: err.code, message: err.message } };
  }
  return { error: { code: 500, message: 'internal error' } };
}
