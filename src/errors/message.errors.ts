import { brandFor, hasBrand, setBrand } from './brand.js';

const TOO_LARGE = brandFor('PayloadTooLargeError');
const SUBJECT = brandFor('InvalidSubjectError');

/** Thrown before sending when a message is larger than the broker's `max_payload` (sizes in bytes). */
export class PayloadTooLargeError extends Error {
  static {
    setBrand(this, TOO_LARGE);
  }

  /** True for a PayloadTooLargeError from any installed copy of Panini. */
  static is(value: unknown): value is PayloadTooLargeError {
    return hasBrand(value, TOO_LARGE);
  }

  readonly code = 413;
  constructor(readonly size: number, readonly max: number) {
    super(`payload of ${size} bytes (headers included) exceeds the broker's maximum of ${max} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** A subject NATS would refuse (empty token, white space, a wildcard where none is allowed). */
export class InvalidSubjectError extends Error {
  static {
    setBrand(this, SUBJECT);
  }

  /** True for an InvalidSubjectError from any installed copy of Panini. */
  static is(value: unknown): value is InvalidSubjectError {
    return hasBrand(value, SUBJECT);
  }

  constructor(readonly subject: string, reason: string) {
    super(`invalid subject '${subject}': ${reason}`);
    this.name = 'InvalidSubjectError';
  }
}
