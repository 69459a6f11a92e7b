import { Logger, type LogMeta } from '../../src/index.js';

export interface LogLine { level: string; message: string; meta?: LogMeta | Error; context?: string }

/** A Logger that keeps every line in memory, for assertions on what was logged. */
export class RecordingLogger extends Logger {
  constructor(readonly lines: LogLine[] = [], private readonly context?: string) { super(); }
  error(message: string, meta?: LogMeta | Error): void { this.lines.push({ level: 'error', message, meta, context: this.context }); }
  warn(message: string, meta?: LogMeta | Error): void { this.lines.push({ level: 'warn', message, meta, context: this.context }); }
  info(message: string, meta?: LogMeta): void { this.lines.push({ level: 'info', message, meta, context: this.context }); }
  debug(message: string, meta?: LogMeta): void { this.lines.push({ level: 'debug', message, meta, context: this.context }); }
  child(context: string): Logger { return new RecordingLogger(this.lines, context); }
}
