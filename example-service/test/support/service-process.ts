import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The compiled entry point (dist/test/support -> dist/src/main.js). */
export const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));

/** The service as `npm start` runs it, as a child process whose output can be awaited. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeout?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM by PID (SIGKILL after 5 s) and wait for the exit. */
  stop(): Promise<number | null>;
}

export function startService(env: NodeJS.ProcessEnv): ServiceProcess {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HTTP_PORT: '0', ...env };
  delete full['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, [MAIN], { env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer): void => { out += d.toString(); for (const l of [...listeners]) l(); };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { for (const l of [...listeners]) l(); resolve(code); }));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern, timeout = 15_000) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => { listeners.delete(check); reject(new Error(`timed out waiting for ${pattern}:\n${out}`)); }, timeout);
      function check(): void {
        const m = out.match(pattern);
        if (m) { clearTimeout(timer); listeners.delete(check); resolve(m); }
        else if (child.exitCode !== null) { clearTimeout(timer); listeners.delete(check); reject(new Error(`exited with ${child.exitCode} before ${pattern}:\n${out}`)); }
      }
      listeners.add(check);
      check();
    }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}
