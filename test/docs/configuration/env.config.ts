// env.config.ts
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Every variable the service reads, named as in the environment, with its rules. */
export class EnvConfig {
  @Matches(/^(nats|tls|wss?):\/\/\S+$/, { message: 'NATS_URL must be a nats://, tls://, ws:// or wss:// URL' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT: number = 3000;

  @IsIn(['error', 'warn', 'info', 'debug'])
  LOG_LEVEL: string = 'info';

  @IsBoolean()
  AUDIT_ENABLED: boolean = false;

  @IsOptional() @IsString()
  REGION?: string;
}
