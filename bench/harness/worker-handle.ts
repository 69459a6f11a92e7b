import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isAnswer, type Call, type SetupArgs } from './ipc.js';

const WORKER_MAIN = fileURLToPath(new URL('../workers/worker-main.js', import.meta.url));

export interface WorkerStartOptions {
  url: string;
  /** Subject prefix of the side this worker plays (see `SetupArgs.prefix`). */
  prefix: string;
  /** Hard limit on the worker's whole life; it exits by itself after this (belt and braces). */
  maxLifetimeMs: number;
}

interface PendingCall {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One worker process seen from the harness: calls over IPC with a deadline each, and a kill by
 * PID that always works. A worker that dies fails every call waiting on it at once.
 */
export class WorkerHandle {
  private seq = 0;
  private readonly pending = new Map<number, PendingCall>();
  private stderr = '';
  private exitInfo: string | undefined;
  private readonly exited: Promise<void>;

  private constructor(readonly role: string, private readonly child: ChildProcess) {
    child.stderr?.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
    child.on('message', (m: unknown) => {
      if (!isAnswer(m)) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${role}: ${m.error}`));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = `exited with ${code ?? signal}`;
        const tail = this.stderr.trim();
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          clearTimeout(p.timer);
          p.reject(new Error(`worker ${role} (pid ${child.pid}) ${this.exitInfo}${tail ? `: ${tail}` : ''}`));
        }
        resolve();
      });
    });
  }

  /** Forks the worker and runs its `setup` (connect, subscribe) before handing it back. */
  static async start(role: string, options: WorkerStartOptions, setupTimeoutMs: number): Promise<WorkerHandle> {
    const child = fork(WORKER_MAIN, [role], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // the memory scenario collects garbage before it reads a worker's resident memory
      execArgv: [...process.execArgv, '--expose-gc'],
      env: { ...process.env, BENCH_MAX_LIFETIME_MS: String(options.maxLifetimeMs) },
    });
    const handle = new WorkerHandle(role, child);
    try {
      const setup: SetupArgs = { url: options.url, prefix: options.prefix };
      await handle.call('setup', setup, setupTimeoutMs);
    } catch (err) {
      handle.kill();
      throw err;
    }
    return handle;
  }

  get pid(): number | undefined { return this.child.pid; }
  get alive(): boolean { return this.exitInfo === undefined; }

  /** Sends one command and waits for its answer, at most `timeoutMs`. */
  call<T = unknown>(cmd: string, args: unknown, timeoutMs: number): Promise<T> {
    if (!this.alive) return Promise.reject(new Error(`worker ${this.role} already ${this.exitInfo}`));
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`worker ${this.role}: '${cmd}' did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      const call: Call = { id, cmd, args };
      this.child.send(call, (err) => {
        if (err && this.pending.delete(id)) { clearTimeout(timer); reject(err); }
      });
    });
  }

  /** Asks the worker to close its connection and exit; kills it by PID if it does not in time. */
  async close(timeoutMs = 5000): Promise<void> {
    if (!this.alive) return;
    try {
      await this.call('close', undefined, timeoutMs);
    } catch {
      // it is killed below either way
    }
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL by PID: the last resort on errors and timeouts. */
  kill(): void {
    if (this.alive && this.child.pid !== undefined) {
      try { process.kill(this.child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }

  waitExit(): Promise<void> { return this.exited; }
}
