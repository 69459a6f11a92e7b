import { spawn, type ChildProcess } from 'node:child_process';

/** A running `node <entry>` child, stoppable by its PID. */
export interface RunningChild {
  readonly pid: number | undefined;
  /** Resolves with the exit code (or 128 + signal number style code for a signal). */
  readonly exited: Promise<number>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
  stop(graceMs?: number): Promise<number>;
}

const SIGNAL_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGKILL: 137 };

export function runNode(entry: string, options: { cwd: string; env?: NodeJS.ProcessEnv; args?: string[] }): RunningChild {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', entry, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: 'inherit',
  });
  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? SIGNAL_CODES[signal ?? ''] ?? 1));
  });
  return {
    pid: child.pid,
    exited,
    stop: async (graceMs = 5000) => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}
