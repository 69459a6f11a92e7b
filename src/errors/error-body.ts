import { PayloadTooLargeError } from './message.errors.js';
import { RemoteError } from './remote.error.js';
import { NoRespondersError, RequestTimeoutError } from './request.errors.js';
import { ServiceError } from './service.error.js';

export interface ErrorBody { error: { code: number; message: string; details?: unknown } }

/**
 * Maps any thrown value to what the caller is told. Unknown errors become a bare 500. Brands,
 * not `instanceof`, decide, so an error thrown by another installed copy of Panini keeps its code.
 */
export function toErrorBody(err: unknown): ErrorBody {
  if (ServiceError.is(err) || RemoteError.is(err)) {
    return { error: { code: err.code, message: String(err.message), ...(err.details !== undefined ? { details: err.details } : {}) } };
  }
  if (RequestTimeoutError.is(err) || NoRespondersError.is(err) || PayloadTooLargeError.is(err)) {
    return { error: { code: err.code, message: err.message } };
  }
  return { error: { code: 500, message: 'internal error' } };
}
