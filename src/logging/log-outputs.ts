import { join } from 'node:path';
import { LineWriter, type LineWriterOptions } from './line-writer.js';
import { formatJson, lineFormat, type LineFormat } from './log-format.js';
import type { LogRecord } from './log-record.js';
import type { ResolvedLogging } from './resolve-logging.js';

export const APP_LOG = 'app.log';
export const ERROR_LOG = 'errors.log';

/**
 * Where lines end up: standard output (pretty or JSON) and, when `dir` is set, `app.log` and
 * `errors.log` as JSON lines. Runs on the main thread (behind a winston transport) or in the
 * logging worker; the output is the same.
 */
export class LogOutputs {
  private readonly console: LineWriter | undefined;
  private readonly consoleFormat: LineFormat;
  private readonly app: LineWriter | undefined;
  private readonly errors: LineWriter | undefined;

  constructor(r: ResolvedLogging, flush: { console: LineWriterOptions['flush']; files: LineWriterOptions['flush'] }, consoleFd = 1) {
    this.consoleFormat = lineFormat(r.format, r.color);
    if (r.console) this.console = new LineWriter({ fd: consoleFd, flush: flush.console });
    if (r.dir !== undefined) {
      const file = (name: string): LineWriter => new LineWriter({ path: join(r.dir!, name), maxSize: r.maxSize, maxFiles: r.maxFiles, flush: flush.files });
      this.app = file(APP_LOG);
      try {
        this.errors = file(ERROR_LOG);
      } catch (err) {
        this.app.close();
        throw err;
      }
    }
  }

  /** `jsonLine`: the record as a JSON line, when the caller made it already. */
  write(rec: LogRecord, jsonLine?: string): void {
    const consoleJson = this.console !== undefined && this.consoleFormat === formatJson;
    const json = this.app || consoleJson ? (jsonLine ?? formatJson(rec)) : undefined;
    if (this.console) this.console.append(consoleJson ? json! : this.consoleFormat(rec));
    if (this.app) {
      this.app.append(json!);
      if (rec.level === 'error') this.errors!.append(json!);
    }
  }

  flushSync(): void {
    this.console?.flushSync();
    this.app?.flushSync();
    this.errors?.flushSync();
  }

  close(): void {
    this.console?.close();
    this.app?.close();
    this.errors?.close();
  }
}
