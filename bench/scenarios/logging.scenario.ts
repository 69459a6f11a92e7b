import type { Scenario, Side } from '../harness/scenario.js';
import type { LogRunResult } from '../workers/roles/log-writer.role.js';

/**
 * Scenario 5. What logging to files costs: 100k info lines written on the main thread, or handed
 * to the logging worker thread. The main-thread figure is what message handling feels; process
 * CPU (both threads) is the total bill.
 */
export const loggingScenario: Scenario = {
  id: 'logging',
  number: 5,
  title: 'Logging: info lines with file output, in-thread vs worker',
  unit: 'log calls',
  defaultCount: 100_000,
  baseline: { name: 'in-thread', how: "createLogger({ dir, worker: false, console: false, format: 'json' }): winston formats and writes on the main thread" },
  candidate: { name: 'worker', how: "createLogger({ dir, worker: true, console: false, format: 'json' }): lines go to the logging worker thread, which formats and writes them" },
  metrics: [
    { key: 'mainThreadUs', label: 'main-thread µs/call (wall)', better: 'lower', digits: 2 },
    { key: 'mainThreadCpuUs', label: 'main-thread CPU µs/call', better: 'lower', digits: 2 },
    { key: 'writtenUs', label: 'wall µs/call until written', better: 'lower', digits: 2 },
    { key: 'cpuUs', label: 'CPU µs/call (all threads)', better: 'lower', digits: 2 },
  ],
  targets: [{ metric: 'mainThreadCpuUs', max: 0.333, text: 'main-thread CPU cut at least 3x (the logging issue\'s aim)' }],
  async open(env) {
    const [inThread, worker] = await Promise.all([env.spawn('log-writer', 'log'), env.spawn('log-writer', 'log')]);
    const sides: Record<Side, { w: typeof inThread; worker: boolean }> = {
      baseline: { w: inThread, worker: false },
      candidate: { w: worker, worker: true },
    };
    return {
      uses: (side) => [sides[side].w],
      async run(side, count) {
        const { w, worker: useWorker } = sides[side];
        const r = await w.call<LogRunResult>('run', { count, worker: useWorker }, env.callTimeoutMs(count));
        return { mainThreadUs: r.mainThreadUs / count, mainThreadCpuUs: r.mainThreadCpuUs / count, writtenUs: r.writtenUs / count, cpuUs: r.cpuUs / count };
      },
    };
  },
};
