import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

/** What went wrong, so callers (and tests) can branch without parsing messages. */
export type CliErrorKind =
  | 'usage'
  | 'config'
  | 'project'
  | 'build'
  | 'generate'
  | 'connection'
  | 'remote'
  | 'runtime';

const BRAND = brandFor('CliError');

/**
 * An error the CLI expects and explains: printed as one clear message, never a stack trace.
 * `exitCode` 2 means the command line or the config was wrong; 1 that the work itself failed.
 */
export class CliError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a CliError from any installed copy of Panini. */
  static is(value: unknown): value is CliError {
    return hasBrand(value, BRAND);
  }

  constructor(
    readonly kind: CliErrorKind,
    message: string,
    readonly exitCode: number = kind === 'usage' || kind === 'config' ? 2 : 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}
