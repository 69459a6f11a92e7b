import { currentScope, Logger, type LogMeta, type LogScope } from '../../../src/index.js';

export interface CapturedLine { level: string; message: string; context: string | undefined; meta: LogMeta | Error | undefined; scope: LogScope | undefined }

/** A Logger that keeps every line with the log scope it was written in. */
export class CaptureLogger extends Logger {
  constructor(readonly lines: CapturedLine[] = [], private readonly context?: string) { super(); }
  error(message: string, meta?: LogMeta | Error): void { this.write('error', message, meta); }
  warn(message: string, meta?: LogMeta | Error): void { this.write('warn', message, meta); }
  info(message: string, meta?: LogMeta): void { this.write('info', message, meta); }
  debug(message: string, meta?: LogMeta): void { this.write('debug', message, meta); }
  child(context: string): Logger { return new CaptureLogger(this.lines, context); }
  at(level: string): CapturedLine[] { return this.lines.filter((l) => l.level === level); }
  private write(level: string, message: string, meta?: LogMeta | Error): void {
    this.lines.push({ level, message, context: this.context, meta, scope: currentScope() });
  }
}
