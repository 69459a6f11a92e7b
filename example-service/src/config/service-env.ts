import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const NATS_URLS = /^\s*((nats|tls|wss?):\/\/)?[^\s,:/]+(:\d+)?\/?\s*(,\s*((nats|tls|wss?):\/\/)?[^\s,:/]+(:\d+)?\/?\s*)*$/i;

/**
 * The variables the service reads, as `@panini/core/config` checks them at start-up (from the
 * environment, and a `.env` file in the working directory when there is one). Every bad one is
 * reported in one error; defaults suit a laptop.
 */
export class ServiceEnv {
  /** The queue group replicas share, the NATS connection name, a log field. */
  @Matches(/^[A-Za-z0-9_-]+$/, { message: "SERVICE_NAME must be letters, digits, '-' or '_' (it is a queue group name)" })
  SERVICE_NAME: string = 'orders-service';

  /** One URL or a comma-separated cluster list; blank is refused (it would quietly mean the default server). */
  @Matches(NATS_URLS, { message: 'NATS_URL must be nats://, tls://, ws://, wss:// URLs or host:port, comma-separated (unset it for nats://127.0.0.1:4222)' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** `production`: no development broker, no in-memory fallback, HTTP on every interface. */
  @IsOptional() @IsString()
  NODE_ENV?: string;

  /** 0 picks a free port; PORT is read when HTTP_PORT is not set. */
  @IsOptional() @IsInt() @Min(0) @Max(65535)
  HTTP_PORT?: number;

  @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  /** Loopback in development, every interface in production (a container). */
  @IsOptional() @IsString()
  HTTP_HOST?: string;

  /** A pending order without a stock answer after this long is cancelled. */
  @IsInt() @Min(0) @Max(86_400_000)
  ORDER_PENDING_TIMEOUT_MS: number = 30_000;

  @IsIn(['error', 'warn', 'info', 'debug'])
  LOG_LEVEL: string = 'info';
}
