import { brandFor, hasBrand, setBrand } from './brand.js';
import { ERROR_CODE_HEADER, ERROR_HEADER } from './error-headers.js';
import { headerValue } from './header-lookup.js';

const BRAND = brandFor('RemoteError');
const decoder = new TextDecoder();

/** The parts of a reply that tell whether it is an error answer (any transport's message fits). */
export interface ReplyLike {
  readonly data: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The responder answered with an error (`Nats-Service-Error-Code` header). */
export class RemoteError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a RemoteError from any installed copy of Panini. */
  static is(value: unknown): value is RemoteError {
    return hasBrand(value, BRAND);
  }

  /**
   * Reads an error reply as any NATS service sends it: the code from `Nats-Service-Error-Code`
   * (header names in any case; a code that is not a number becomes 500), the message and details
   * from a JSON body `{ error: { message, details } }`, else the `Nats-Service-Error` header.
   * @param subject the subject the request went to, kept on the error.
   * @returns undefined when the reply is not an error answer (no code header).
   * @example
   * const err = RemoteError.fromMessage(reply, 'orders.get');
   * if (err) throw err;
   */
  static fromMessage(msg: ReplyLike, subject?: string): RemoteError | undefined {
    const code = headerValue(msg.headers, ERROR_CODE_HEADER);
    if (code === undefined) return undefined;
    const body = parseBody(msg.data) as { error?: { message?: string; details?: unknown } } | undefined;
    const message = (typeof body === 'object' && body?.error?.message) || headerValue(msg.headers, ERROR_HEADER) || 'remote error';
    return new RemoteError(Number(code) || 500, message, typeof body === 'object' ? body?.error?.details : undefined, subject);
  }

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

/** JSON when it parses, else the text: a non-Panini responder may answer with plain text. */
function parseBody(data: Uint8Array): unknown {
  if (data.length === 0) return undefined;
  const text = decoder.decode(data);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
