/** Everything the service reads from its environment, checked once at start. */
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

/** A variable the service cannot work with; main prints the message and exits 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Injection token of the ServiceConfig. */
export const SERVICE_CONFIG = Symbol('example:service-config');

function integer(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/**
 * NATS_URL as given, refused when blank (it would quietly mean the default server) or when a URL
 * has a scheme NATS does not speak (`http://...`); the framework checks the same at connect time.
 */
function natsUrl(env: NodeJS.ProcessEnv): string {
  const raw = env['NATS_URL'];
  if (raw === undefined) return 'nats://127.0.0.1:4222';
  const urls = raw.split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length === 0) throw new ConfigError(`NATS_URL is empty (read ${JSON.stringify(raw)}); set it to a NATS URL such as nats://127.0.0.1:4222, or unset it for that default`);
  const bad = urls.find((u) => !['nats', 'tls', 'ws', 'wss'].includes((/^([a-z][a-z0-9+.-]*):\/\//i.exec(u)?.[1] ?? 'nats').toLowerCase()));
  if (bad !== undefined) throw new ConfigError(`NATS_URL must be nats://, tls://, ws://, wss:// URLs or host:port, comma-separated; got ${JSON.stringify(bad)}`);
  return urls.join(',');
}

/**
 * Reads the configuration from the environment (defaults suit a laptop).
 * @example
 * const config = loadConfig({ ...process.env, HTTP_PORT: '0' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const production = env['NODE_ENV'] === 'production';
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!['error', 'warn', 'info', 'debug'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be error, warn, info or debug, got "${logLevel}"`);
  const name = env['SERVICE_NAME'] ?? 'orders-service';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new ConfigError(`SERVICE_NAME must be letters, digits, '-' or '_' (it is a queue group name), got "${name}"`);
  return {
    name,
    natsUrl: natsUrl(env),
    production,
    httpPort: integer(env, env['HTTP_PORT'] !== undefined ? 'HTTP_PORT' : 'PORT', 3000, 0, 65535),
    httpHost: env['HTTP_HOST'] ?? (production ? '0.0.0.0' : '127.0.0.1'),
    pendingTimeoutMs: integer(env, 'ORDER_PENDING_TIMEOUT_MS', 30_000, 0, 86_400_000),
    logLevel,
  };
}
