import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../../../src/index.js';
import { threadCpuMs } from '../../../src/logging/log-cost.js';
import type { Role } from '../../harness/ipc.js';
import { ORDER } from '../../fixtures/order.payload.js';
import { cpuSinceUs } from '../clock.js';

export interface LogRunArgs { count: number; worker: boolean }

export interface LogRunResult {
  /** Main-thread time inside the log calls, plus the main thread's active time while the flush ran. */
  mainThreadUs: number;
  /** Wall time from the first call until every line is in the file. */
  writtenUs: number;
  /** CPU of the whole process, worker thread included. */
  cpuUs: number;
  /** CPU of the main thread alone over the calls and the flush (Linux; NaN where unknown). */
  mainThreadCpuUs: number;
}

/**
 * Scenario 5: `count` info lines with a small meta object into JSON log files in a temp folder,
 * with the logging worker or on the main thread. A fresh logger per run, warmed up (JIT, the
 * worker's start) before the timed part; its folder is removed afterwards.
 */
export function logWriter(): Role {
  return {
    async setup() {},
    async run({ count, worker }: LogRunArgs): Promise<LogRunResult> {
      const dir = mkdtempSync(join(tmpdir(), 'panini-bench-log-'));
      const logger = createLogger({ dir, root: dir, worker, console: false, format: 'json', level: 'info', service: 'bench' });
      try {
        const log = logger.child('OrdersController');
        for (let i = 0; i < 2000; i++) log.info('warm-up', { seq: i });
        await logger.flush();
        const cpu0 = process.cpuUsage();
        const thread0 = threadCpuMs();
        const start = performance.now();
        for (let i = 0; i < count; i++) log.info('order accepted', { seq: i, id: ORDER.id, sku: ORDER.sku, quantity: ORDER.quantity });
        const callsMs = performance.now() - start;
        const elu = performance.eventLoopUtilization();
        await logger.flush();
        const flushActiveMs = performance.eventLoopUtilization(elu).active;
        const writtenMs = performance.now() - start;
        const thread1 = threadCpuMs();
        const mainThreadCpuUs = thread0 === undefined || thread1 === undefined ? Number.NaN : (thread1 - thread0) * 1000;
        return { mainThreadUs: (callsMs + flushActiveMs) * 1000, writtenUs: writtenMs * 1000, cpuUs: cpuSinceUs(cpu0), mainThreadCpuUs };
      } finally {
        await logger.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async close() {},
  };
}
