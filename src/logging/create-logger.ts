import { accessSync, constants, mkdirSync } from 'node:fs';
import { LoggingError } from './logging.errors.js';
import type { LoggingOptions } from './logging-options.js';
import { LogOutputs } from './log-outputs.js';
import { resolveLogging, type ResolvedLogging } from './resolve-logging.js';
import { createWinston, OutputsTransport, ThreadSink, type LogSink } from './thread.sink.js';
import { WinstonLogger, LogCore } from './winston-logger.js';
import { WorkerSink } from './worker.sink.js';

export { WinstonLogger } from './winston-logger.js';

/**
 * Builds a root logger from options, `LOG_LEVEL` / `LOG_FORMAT` and `config/logging.json`
 * (see `LoggingOptions`). Throws a `LoggingError` for an invalid option or config file, or a
 * log folder that cannot be written. Close it when done (the app closes its own).
 * @example
 * const logger = createLogger({ dir: 'logs', worker: true });
 * logger.child('Import').info('started');
 * await logger.close();
 */
export function createLogger(options: LoggingOptions = {}): WinstonLogger {
  const r = resolveLogging(options);
  if (r.dir !== undefined && !r.silent) prepareDir(r.dir, r.configFile);
  const outputs = (o: ResolvedLogging, consoleFd = 1): LogOutputs => new LogOutputs(o, { console: 'immediate', files: 'soon' }, consoleFd);
  let sink: LogSink;
  let winston;
  if (r.worker && !r.silent) {
    winston = createWinston(r.level, []);
    sink = new WorkerSink(r, () => mainThreadFallback(r, outputs));
  } else {
    winston = createWinston(r.level, r.silent ? [] : [new OutputsTransport(outputs(r))]);
    winston.silent = r.silent;
    sink = new ThreadSink(winston);
  }
  const afterClose = r.silent ? undefined : (): LogSink => new ThreadSink(createWinston(r.level, [new OutputsTransport(outputs({ ...r, dir: undefined, console: true }, r.console ? 1 : 2))]));
  return new WinstonLogger(new LogCore(winston, sink, r.service, r.context, r.silent, afterClose, r.meta));
}

/** Where a dead worker's lines go: this thread's outputs, or standard error if the files cannot be opened now. */
function mainThreadFallback(r: ResolvedLogging, outputs: (o: ResolvedLogging, fd?: number) => LogOutputs): LogSink {
  let out: LogOutputs;
  try {
    out = outputs(r);
  } catch {
    out = outputs({ ...r, dir: undefined, console: true }, 2);
  }
  return new ThreadSink(createWinston(r.level, [new OutputsTransport(out)]));
}

function prepareDir(dir: string, configFile: string | undefined): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const from = configFile ? ` (set in ${configFile})` : '';
    throw new LoggingError(
      'unwritable-dir',
      `cannot write log files to ${dir}${from}: ${(err as Error).message}. Choose a writable logging.dir, or remove it to log to standard output only.`,
      { file: dir, cause: err },
    );
  }
}
