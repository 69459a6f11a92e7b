import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

export type LoggingErrorKind =
  /** An option passed in code, or LOG_LEVEL / LOG_FORMAT, has a value Panini cannot use. */
  | 'invalid-option'
  /** `config/logging.json` is not valid JSON or holds an option Panini cannot use. */
  | 'invalid-config-file'
  /** The log folder cannot be created or written. */
  | 'unwritable-dir';

const BRAND = brandFor('LoggingError');

/** Every logging set-up problem found at start-up. `kind` lets callers branch; the message says how to fix it. */
export class LoggingError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a LoggingError from any installed copy of Panini. */
  static is(value: unknown): value is LoggingError {
    return hasBrand(value, BRAND);
  }

  constructor(readonly kind: LoggingErrorKind, message: string, options?: ErrorOptions & { file?: string }) {
    super(message, options);
    this.name = 'LoggingError';
    this.file = options?.file;
  }
  /** The config file or log folder the problem is about, when there is one. */
  readonly file: string | undefined;
}
