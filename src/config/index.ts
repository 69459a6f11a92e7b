/**
 * `@panini/core/config`: typed configuration from the environment and an optional `.env` file.
 * A service that does not import it loads neither this nor dotenv.
 */
import 'reflect-metadata';

export { ConfigModule } from './config.module.js';
export { loadConfig } from './load-config.js';
export { ConfigError, type ConfigProblem } from './config.error.js';
export type { ConfigModuleOptions } from './config-options.js';
