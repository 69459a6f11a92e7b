import type { ConnectionOptions } from './transport/connection-options.js';
import type { Transport } from './transport/transport.js';
import type { Logger } from './logging/logger.js';
import type { LoggingOptions } from './logging/logging-options.js';
import type { ValidationOptions } from './pipeline/validation-options.js';
import type { SchedulerOptions } from './scheduler/scheduler-options.js';
import type { BacklogOptions } from './pipeline/backlog-options.js';
import type { MicroOptions } from './micro/micro-options.js';

/** Everything `PaniniFactory.create` accepts. */
export interface PaniniOptions extends ConnectionOptions {
  /** The service name: default queue group, NATS connection name, log field. */
  name?: string;
  /** Use another transport (the testing kit's `MemoryTransport`) instead of NATS. */
  transport?: Transport;
  /** Logging options, or a ready Logger. */
  logging?: LoggingOptions | Logger;
  /** Validation defaults for every DTO (merged under each handler's). */
  validation?: ValidationOptions;
  /** Default `NatsClient.request` timeout in ms (5000). */
  requestTimeout?: number;
  /** How long `close()` waits for in-flight work before giving up, in ms (10000). */
  shutdownTimeout?: number;
  /** Default handlers running at once per subscription (64). */
  concurrency?: number;
  /**
   * Default limits on messages waiting per subscription once `concurrency` handlers run
   * (10,000 messages, 64 MiB). Past them requests are answered 503 and events are shed.
   * @throws RangeError from `create()` for an unknown key or a limit that is not a whole number >= 0.
   */
  backlog?: BacklogOptions;
  /** Close on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
  /** `@Task`/`@Interval`/`@Cron` options; `{ autoStart: false }` in tests runs tasks only when triggered. */
  scheduler?: SchedulerOptions;
  /**
   * The NATS service API (`$SRV.PING|INFO|STATS`, what `nats micro ls/info/stats` reads), on by
   * default; `false` turns it off. The service name must then hold only letters, digits, '_' and '-'.
   * @throws RangeError from `create()` for such a name, or a version that is not semver.
   */
  micro?: MicroOptions | false;
}

/** The options as the app uses them, defaults applied. Injectable with `@Inject(APP_OPTIONS)`. */
export interface ResolvedOptions extends PaniniOptions {
  name: string;
  requestTimeout: number;
  shutdownTimeout: number;
  concurrency: number;
  validation: ValidationOptions;
}

export const APP_OPTIONS = Symbol('panini:app-options');
