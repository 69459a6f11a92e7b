export type ContainerErrorKind =
  | 'invalid-module'
  | 'missing-provider'
  | 'invalid-export'
  | 'cycle'
  | 'no-metadata'
  | 'invalid-provider'
  | 'unknown-token'
  | 'ambiguous-token';

/** Every wiring problem found at start-up. `kind` lets callers branch; the message says how to fix it. */
export class ContainerError extends Error {
  constructor(readonly kind: ContainerErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContainerError';
  }
}
