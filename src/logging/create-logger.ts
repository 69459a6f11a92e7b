import winston from 'winston';
import { Logger, type LogMeta } from './logger.js';
import { currentScope } from './log-scope.js';
import type { LoggingOptions } from './logging-options.js';

/** A Logger over a winston logger; `child` adds a `context` field. */
export class WinstonLogger extends Logger {
  constructor(readonly winston: winston.Logger, private readonly context?: string) {
    super();
  }
  error(message: string, meta?: LogMeta | Error): void { this.write('error', message, meta); }
  warn(message: string, meta?: LogMeta | Error): void { this.write('warn', message, meta); }
  info(message: string, meta?: LogMeta): void { this.write('info', message, meta); }
  debug(message: string, meta?: LogMeta): void { this.write('debug', message, meta); }
  child(context: string): Logger { return new WinstonLogger(this.winston, context); }

  private write(level: string, message: string, meta?: LogMeta | Error): void {
    if (!this.winston.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = meta instanceof Error ? { error: meta } : { ...meta };
    if (this.context) fields['context'] = this.context;
    const scope = currentScope();
    if (scope) {
      if (scope.service !== undefined) fields['service'] = scope.service;
      if (scope.subject !== undefined) fields['subject'] = scope.subject;
      if (scope.requestId !== undefined) fields['requestId'] = scope.requestId;
    }
    this.winston.log(level, message, fields);
  }
}

/** Builds the app's root logger. */
export function createLogger(options: LoggingOptions = {}): WinstonLogger {
  const level = options.level ?? process.env['LOG_LEVEL'] ?? 'info';
  const w = winston.createLogger({
    level,
    silent: options.silent === true,
    format: winston.format.combine(winston.format.errors({ stack: true }), winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Console()],
  });
  return new WinstonLogger(w);
}
