import { brandFor, hasBrand, setBrand } from './brand.js';

const TIMEOUT = brandFor('RequestTimeoutError');
const NO_RESPONDERS = brandFor('NoRespondersError');

/** No reply arrived within the request's timeout. */
export class RequestTimeoutError extends Error {
  static {
    setBrand(this, TIMEOUT);
  }

  /** True for a RequestTimeoutError from any installed copy of Panini. */
  static is(value: unknown): value is RequestTimeoutError {
    return hasBrand(value, TIMEOUT);
  }

  readonly code = 504;
  constructor(readonly subject: string, readonly timeout: number, options?: ErrorOptions) {
    super(`request to '${subject}' timed out after ${timeout} ms`, options);
    this.name = 'RequestTimeoutError';
  }
}

/** Nobody listens on the subject: the request fails at once instead of waiting for the timeout. */
export class NoRespondersError extends Error {
  static {
    setBrand(this, NO_RESPONDERS);
  }

  /** True for a NoRespondersError from any installed copy of Panini. */
  static is(value: unknown): value is NoRespondersError {
    return hasBrand(value, NO_RESPONDERS);
  }

  readonly code = 503;
  constructor(readonly subject: string, options?: ErrorOptions) {
    super(`no responders are listening on '${subject}'`, options);
    this.name = 'NoRespondersError';
  }
}
