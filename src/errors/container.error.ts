import { brandFor, hasBrand, setBrand } from './brand.js';

const BRAND = brandFor('ContainerError');

export type ContainerErrorKind =
  | 'invalid-module'
  | 'missing-provider'
  | 'invalid-export'
  | 'cycle'
  | 'no-metadata'
  | 'invalid-provider'
  | 'unknown-token'
  | 'ambiguous-token'
  | 'duplicate-package'
  /** A singleton depends on a message-scoped provider, or a message-scoped one is resolved outside a message. */
  | 'scope';

/** Every wiring problem found at start-up. `kind` lets callers branch; the message says how to fix it. */
export class ContainerError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a ContainerError from any installed copy of Panini. */
  static is(value: unknown): value is ContainerError {
    return hasBrand(value, BRAND);
  }

  constructor(readonly kind: ContainerErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContainerError';
  }
}
