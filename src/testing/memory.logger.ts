import { Logger, type LogMeta } from '../logging/logger.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** One line a `MemoryLogger` kept. */
export interface LogEntry {
  level: LogLevel;
  message: string;
  /** The class or component that logged it. */
  context?: string;
  meta?: LogMeta | Error;
}

/**
 * A silent logger that keeps every line in memory, so tests stay quiet and can still assert
 * on what was logged. Children share their parent's list.
 * @example
 * const warnings = app.logs.entries.filter((e) => e.level === 'warn');
 */
export class MemoryLogger extends Logger {
  constructor(readonly entries: LogEntry[] = [], private readonly context?: string) {
    super();
  }
  error(message: string, meta?: LogMeta | Error): void { this.add('error', message, meta); }
  warn(message: string, meta?: LogMeta | Error): void { this.add('warn', message, meta); }
  info(message: string, meta?: LogMeta): void { this.add('info', message, meta); }
  debug(message: string, meta?: LogMeta): void { this.add('debug', message, meta); }
  child(context: string): Logger { return new MemoryLogger(this.entries, context); }

  /** The kept lines of one level, or all of them. */
  lines(level?: LogLevel): LogEntry[] {
    return level === undefined ? [...this.entries] : this.entries.filter((e) => e.level === level);
  }

  /** Forgets the kept lines (for this logger and its children). */
  clear(): void {
    this.entries.length = 0;
  }

  private add(level: LogLevel, message: string, meta?: LogMeta | Error): void {
    this.entries.push({ level, message, ...(this.context !== undefined ? { context: this.context } : {}), ...(meta !== undefined ? { meta } : {}) });
  }
}
