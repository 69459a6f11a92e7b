import { brandFor, hasBrand, setBrand } from './brand.js';

const BRAND = brandFor('ServiceError');

/**
 * An error that carries a status code to the caller. Throw it from a handler to choose the code;
 * any other error is answered with 500 and its message is not sent.
 * @example
 * throw new ServiceError(404, `order ${id} not found`);
 */
export class ServiceError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a ServiceError (or subclass) from any installed copy of Panini. */
  static is(value: unknown): value is ServiceError {
    return hasBrand(value, BRAND);
  }

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
