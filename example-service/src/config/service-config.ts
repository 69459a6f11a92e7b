import { loadConfig } from '@panini/core/config';
import { ServiceEnv } from './service-env.js';

/** What the service works with, derived from the checked variables (ServiceEnv). */
export interface ServiceConfig {
  /** SERVICE_NAME: the queue group replicas share, the NATS connection name, a log field. */
  readonly name: string;
  /** NATS_URL: one URL or a comma-separated cluster list. */
  readonly natsUrl: string;
  /** NODE_ENV=production: no development broker, no in-memory fallback, HTTP on every interface. */
  readonly production: boolean;
  /** HTTP_PORT (or PORT); 0 picks a free port. */
  readonly httpPort: number;
  /** HTTP_HOST: loopback in development, every interface in production (a container). */
  readonly httpHost: string;
  /** ORDER_PENDING_TIMEOUT_MS: a pending order without a stock answer after this long is cancelled. */
  readonly pendingTimeoutMs: number;
  /** LOG_LEVEL: error, warn, info or debug. */
  readonly logLevel: string;
}

/** Injection token of the ServiceConfig. */
export const SERVICE_CONFIG = Symbol('example:service-config');

/** The defaults that depend on other variables (the HTTP host on NODE_ENV, HTTP_PORT over PORT). */
export function toServiceConfig(env: ServiceEnv): ServiceConfig {
  const production = env.NODE_ENV === 'production';
  return {
    name: env.SERVICE_NAME,
    natsUrl: env.NATS_URL.split(',').map((u) => u.trim()).filter(Boolean).join(','),
    production,
    httpPort: env.HTTP_PORT ?? env.PORT ?? 3000,
    httpHost: env.HTTP_HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    pendingTimeoutMs: env.ORDER_PENDING_TIMEOUT_MS,
    logLevel: env.LOG_LEVEL,
  };
}

/**
 * Reads and checks the configuration (the environment over `.env`), for what is needed before
 * the app exists (the broker, the HTTP port).
 * @throws ConfigError (from `@panini/core/config`) listing every bad variable.
 * @example
 * const config = await readServiceConfig({ ...process.env, HTTP_PORT: '0' });
 */
export async function readServiceConfig(env: NodeJS.ProcessEnv = process.env, envFilePath: string | false = '.env'): Promise<ServiceConfig> {
  return toServiceConfig(await loadConfig({ schema: ServiceEnv, env, envFilePath }));
}
