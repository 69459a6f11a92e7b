import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { compileValidator, DEFAULT_VALIDATION, ValidationFailedError } from '../pipeline/validation.js';
import type { ConfigModuleOptions } from './config-options.js';
import { ConfigError } from './config.error.js';

/**
 * Reads the variables (the environment over an optional `.env` file) into the schema class,
 * converted and validated. Pure apart from reading the file.
 * @throws ConfigError listing every missing or invalid variable.
 */
export async function loadConfig<T extends object>(options: ConfigModuleOptions<T>): Promise<T> {
  const env = options.env ?? process.env;
  const file = options.envFilePath === false ? undefined : resolve(options.envFilePath ?? '.env');
  const fromFile = file !== undefined && existsSync(file) ? parse(readFileSync(file)) : {};
  const merged: Record<string, string> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;
  const sources = file !== undefined && Object.keys(fromFile).length > 0 ? `the environment and ${file}` : 'the environment';
  const run = compileValidator(options.schema, { ...DEFAULT_VALIDATION, whitelist: true }, 'configuration', 'strings');
  try {
    return (await run(merged)) as T;
  } catch (err) {
    if (!ValidationFailedError.is(err)) throw err;
    const problems = err.errors.map((e) => ({ variable: e.path || '(root)', set: e.path in merged, messages: Object.values(e.constraints) }));
    throw new ConfigError(options.schema.name, problems, sources);
  }
}
