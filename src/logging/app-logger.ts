import type { LoggingOptions } from './logging-options.js';
import { Logger } from './logger.js';
import { createLogger } from './create-logger.js';
import { releaseRootLogger, setRootLogger } from './get-logger.js';

/**
 * The app's logger: the one passed in, or one built from the options with `service` set to
 * the app's name. It also becomes the target of `getLogger`.
 */
export function createAppLogger(name: string, logging: LoggingOptions | Logger | undefined): Logger {
  const logger = logging instanceof Logger ? logging : createLogger({ ...logging, service: logging?.service ?? name });
  setRootLogger(logger);
  return logger;
}

/** Ends the app's logging last in `close()`: closes a logger the app created, only flushes one passed in. */
export async function endAppLogger(logger: Logger, logging: LoggingOptions | Logger | undefined): Promise<void> {
  releaseRootLogger(logger);
  if (logging instanceof Logger) await logger.flush?.();
  else await logger.close?.();
}
