import { performance } from 'node:perf_hooks';
import { createLogger } from './create-logger.js';
import type { LogMeta } from './logger.js';

export interface LogCostOptions {
  /** Log calls to time (default 100000). */
  calls?: number;
  /** Folder for app.log / errors.log (use a temp folder; the caller removes it). */
  dir: string;
  /** Format and write in the logging worker (true) or on the main thread (false). */
  worker: boolean;
  /** Meta logged with each line (default `{ i }`, the call's index). */
  meta?: LogMeta;
}

export interface LogCost {
  mode: 'worker' | 'main-thread';
  calls: number;
  /** Main-thread time spent inside the log calls. */
  callsMs: number;
  /** Wall time until every line was in the files. */
  flushMs: number;
  /** Main-thread time spent while waiting for that flush (event-loop utilization). */
  flushActiveMs: number;
  /** What logging cost the main thread: `callsMs + flushActiveMs`. */
  mainThreadMs: number;
}

/**
 * Measures what `calls` info lines with file output cost the main thread, for the benchmark.
 * Warms up first (JIT, and the worker's start) so only the steady state is timed.
 * @example
 * const inThread = await measureLogCost({ dir: tmpA, worker: false });
 * const offThread = await measureLogCost({ dir: tmpB, worker: true });
 * console.log(inThread.mainThreadMs / offThread.mainThreadMs); // the speed-up
 */
export async function measureLogCost(options: LogCostOptions): Promise<LogCost> {
  const calls = options.calls ?? 100_000;
  const logger = createLogger({ dir: options.dir, worker: options.worker, console: false, format: 'json', level: 'info', root: options.dir, service: 'bench' });
  try {
    const log = logger.child('Bench');
    for (let i = 0; i < 2000; i++) log.info('warm-up line', options.meta ?? { i });
    await logger.flush();
    const start = performance.now();
    for (let i = 0; i < calls; i++) log.info('benchmark line', options.meta ?? { i });
    const callsMs = performance.now() - start;
    const elu = performance.eventLoopUtilization();
    const flushStart = performance.now();
    await logger.flush();
    const flushMs = performance.now() - flushStart;
    const flushActiveMs = performance.eventLoopUtilization(elu).active;
    return { mode: options.worker ? 'worker' : 'main-thread', calls, callsMs, flushMs, flushActiveMs, mainThreadMs: callsMs + flushActiveMs };
  } finally {
    await logger.close();
  }
}
