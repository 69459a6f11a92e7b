import { readFileSync } from 'node:fs';
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
  /** What logging cost the main thread, in wall time: `callsMs + flushActiveMs`. */
  mainThreadMs: number;
  /**
   * CPU time of the main thread over the calls and the flush (Linux; undefined
   * elsewhere). Unlike wall time it does not grow when other processes or the worker compete for cores.
   */
  mainThreadCpuMs: number | undefined;
}

/**
 * CPU time used so far by the calling thread, in ms, where Linux tells it: from
 * /proc/thread-self/schedstat (nanoseconds) or else /proc/thread-self/stat (10 ms ticks).
 */
export function threadCpuMs(): number | undefined {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
  } catch {
    // no schedstat: fall back to the tick counts
  }
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // utime and stime are fields 14 and 15, counted after the parenthesised command name
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Measures what `calls` info lines with file output cost the main thread, for the benchmark.
 * Warms up first (JIT, and the worker's start) so only the steady state is timed.
 * @example
 * const inThread = await measureLogCost({ dir: tmpA, worker: false });
 * const offThread = await measureLogCost({ dir: tmpB, worker: true });
 * console.log(inThread.mainThreadCpuMs! / offThread.mainThreadCpuMs!); // the speed-up
 */
export async function measureLogCost(options: LogCostOptions): Promise<LogCost> {
  const calls = options.calls ?? 100_000;
  const logger = createLogger({ dir: options.dir, worker: options.worker, console: false, format: 'json', level: 'info', root: options.dir, service: 'bench' });
  try {
    const log = logger.child('Bench');
    for (let i = 0; i < 2000; i++) log.info('warm-up line', options.meta ?? { i });
    await logger.flush();
    const cpuStart = threadCpuMs();
    const start = performance.now();
    for (let i = 0; i < calls; i++) log.info('benchmark line', options.meta ?? { i });
    const callsMs = performance.now() - start;
    const elu = performance.eventLoopUtilization();
    const flushStart = performance.now();
    await logger.flush();
    const flushMs = performance.now() - flushStart;
    const flushActiveMs = performance.eventLoopUtilization(elu).active;
    const cpuEnd = threadCpuMs();
    const mainThreadCpuMs = cpuStart === undefined || cpuEnd === undefined ? undefined : cpuEnd - cpuStart;
    return { mode: options.worker ? 'worker' : 'main-thread', calls, callsMs, flushMs, flushActiveMs, mainThreadMs: callsMs + flushActiveMs, mainThreadCpuMs };
  } finally {
    await logger.close();
  }
}
