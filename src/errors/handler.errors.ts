import { brandFor, hasBrand, setBrand } from './brand.js';
import { ServiceError } from './service.error.js';

const DECODE = brandFor('DecodeError');
const FORBIDDEN = brandFor('ForbiddenError');

/**
 * The message could not be decoded with the handler's codec. The message never quotes the
 * payload: it keeps a reason from the built-in codecs (`not valid JSON at position 12`, `JSON
 * nested deeper than 64 levels (at byte 70)`) or a ServiceError's message from a custom codec,
 * and otherwise names only the error's class. The codec's error is not kept as `cause` for the
 * same reason (V8's JSON errors quote the input).
 */
export class DecodeError extends ServiceError {
  static {
    setBrand(this, DECODE);
  }

  /** True for a DecodeError from any installed copy of Panini. */
  static override is(value: unknown): value is DecodeError {
    return hasBrand(value, DECODE);
  }

  constructor(codec: string, cause: unknown) {
    super(400, `malformed payload: cannot decode as ${codec}: ${decodeReason(cause)}`);
    this.name = 'DecodeError';
  }
}

function decodeReason(cause: unknown): string {
  if (cause instanceof Error && (cause.name === 'MalformedPayloadError' || ServiceError.is(cause))) return cause.message;
  if (cause instanceof RangeError && /call stack/i.test(cause.message)) return 'nested too deeply';
  return `the codec threw ${cause instanceof Error ? cause.name : typeof cause}`;
}

/** Raised by a guard that said no: answered 403. */
export class ForbiddenError extends ServiceError {
  static {
    setBrand(this, FORBIDDEN);
  }

  /** True for a ForbiddenError from any installed copy of Panini. */
  static override is(value: unknown): value is ForbiddenError {
    return hasBrand(value, FORBIDDEN);
  }

  constructor(handler: string) {
    super(403, `forbidden: a guard refused this message for ${handler}`);
    this.name = 'ForbiddenError';
  }
}
