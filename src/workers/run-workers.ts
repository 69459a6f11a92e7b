import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Supervisor, type SupervisedProcess, type SupervisorOptions } from './supervisor.js';

/** The environment variable that tells a worker its number (1-based) under `runWorkers` or `panini start --workers`. */
export const WORKER_ENV = 'PANINI_WORKER';

export interface WorkersOptions extends Omit<SupervisorOptions, 'count' | 'spawn'> {
  /** How many service processes: a whole number >= 1, or `'auto'` for one per core (`os.availableParallelism()`). */
  workers: number | 'auto';
  /** Entry file the workers load (default: this process's own script, whose `runWorkers` then calls `main`). */
  entry?: string;
  /** Working directory of the workers (default: this process's). */
  cwd?: string;
  /** Node options of the workers (default: this process's `execArgv`). */
  execArgv?: string[];
}

/**
 * Reads a worker count as the CLI and `WorkersOptions.workers` take it.
 * @throws RangeError naming the value when it is neither `auto` nor a whole number >= 1.
 */
export function workerCount(value: number | string): number {
  if (value === 'auto') return availableParallelism();
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`workers must be 'auto' or a whole number >= 1 (got '${String(value)}')`);
  return n;
}

function asSupervised(worker: Worker): SupervisedProcess {
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    worker.once('exit', (code: number | null, signal: NodeJS.Signals | null) => resolve(code ?? signal ?? 1));
  });
  return {
    pid: worker.process.pid,
    exited,
    terminate: () => { worker.process.kill('SIGTERM'); },
    kill: () => { worker.process.kill('SIGKILL'); },
  };
}

/**
 * Starts the supervisor of `node:cluster` workers in the primary process; resolves once they
 * were all stopped (on SIGINT/SIGTERM, or `stop()`), with `process.exitCode` set to 1 when one
 * did not exit cleanly. Each worker is a whole service: its own NATS connection in the service's
 * queue group (so requests and events are shared), and HTTP ports shared through `node:cluster`.
 */
export function superviseWorkers(options: WorkersOptions): { supervisor: Supervisor; done: Promise<number> } {
  const count = workerCount(options.workers);
  cluster.setupPrimary({
    ...(options.entry !== undefined ? { exec: fileURLToPath(new URL('./worker-entry.js', import.meta.url)) } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    execArgv: options.execArgv ?? process.execArgv,
  });
  const supervisor = new Supervisor({
    ...options,
    count,
    spawn: (index) => asSupervised(cluster.fork({
      [WORKER_ENV]: String(index + 1),
      ...(options.entry !== undefined ? { PANINI_WORKER_ENTRY: options.entry } : {}),
    })),
  });
  const onSignal = (): void => { void supervisor.stop(); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  supervisor.start();
  const done = supervisor.stopped.then((code) => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (code !== 0) process.exitCode = code;
    return code;
  });
  return { supervisor, done };
}

/**
 * Runs `main` (the service's bootstrap) in `options.workers` processes. In the primary process it
 * starts and supervises the workers and never calls `main`; in each worker it calls `main`.
 * @example
 * await runWorkers(() => bootstrap(), { workers: 'auto' });
 * @throws RangeError when `workers` is neither `'auto'` nor a whole number >= 1.
 */
export async function runWorkers(main: () => unknown, options: WorkersOptions): Promise<void> {
  if (cluster.isWorker) {
    // the IPC channel to the supervisor must not keep a worker alive that stopped on SIGTERM
    process.channel?.unref();
    await main();
    return;
  }
  await superviseWorkers(options).done;
}
