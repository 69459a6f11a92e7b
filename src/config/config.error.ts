import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

const BRAND = brandFor('ConfigError');

/** One environment variable that is missing or invalid, with class-validator's messages. */
export interface ConfigProblem { variable: string; set: boolean; messages: string[] }

/**
 * The configuration does not match its schema: every missing or invalid variable, in one error,
 * thrown while the app is created. Values are never included (they may be secrets).
 */
export class ConfigError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a ConfigError from any installed copy of Panini. */
  static is(value: unknown): value is ConfigError {
    return hasBrand(value, BRAND);
  }

  constructor(readonly schema: string, readonly problems: ConfigProblem[], readonly sources: string) {
    const lines = problems.map((p) => `  ${p.variable}${p.set ? '' : ' (not set)'}: ${p.messages.join('; ')}`);
    super(`invalid configuration for ${schema}: ${problems.length} environment variable(s) missing or invalid (read from ${sources}):\n${lines.join('\n')}`);
    this.name = 'ConfigError';
  }
}
