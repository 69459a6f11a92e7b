import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled CLI entry (dist/test/cli/support -> dist/src/cli/main.js). */
export const CLI = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));
/** The repository root (where package.json and nest-cli-style.json live). */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The environment for children: the test runner marks its own children with NODE_TEST_CONTEXT,
 * which would make a nested `node --test` (the generated service's tests) report to us in its
 * binary protocol instead of printing.
 */
function childEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env['NODE_TEST_CONTEXT'];
  return env;
}

/**
 * `npm test` builds the example before any test runs (pretest). Test files do not build it
 * themselves: two files compiling into one folder at once could read each other's half-written
 * output.
 */
export function requireBuiltExample(): void {
  if (!existsSync(join(REPO, 'example-service', 'dist', 'src', 'main.js'))) {
    throw new Error('the example service is not built: run npx tsc -p example-service/tsconfig.json (npm test does it first)');
  }
}

export interface CliResult { code: number | null; stdout: string; stderr: string }

export interface RunOptions { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number }

/** Runs a command to completion, killing it by PID if it outlives `timeout`. */
export function runProcess(command: string, args: string[], o: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: o.cwd ?? REPO, env: childEnv(o.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timeout = o.timeout ?? 60_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeout} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeout);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** Runs `panini <args>` as a subprocess. */
export function runCli(args: string[], o: RunOptions = {}): Promise<CliResult> {
  return runProcess(process.execPath, [CLI, ...args], o);
}

/** A long-running process whose output can be awaited line by line. */
export interface LiveProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves once the combined output matches, or rejects after `timeout` ms. */
  waitFor(pattern: RegExp, timeout?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the process has ended. */
  exited(): Promise<number | null>;
  /** SIGTERM by PID (then SIGKILL after 5 s) and wait for the exit. */
  stop(): Promise<number | null>;
}

export function startProcess(command: string, args: string[], o: RunOptions = {}): LiveProcess {
  const child = spawn(command, args, { cwd: o.cwd ?? REPO, env: childEnv(o.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => { for (const w of [...waiters]) w(); resolve(code); }));
  return {
    child,
    output: () => out,
    waitFor: (pattern, timeout = 20_000) => new Promise((resolve, reject) => {
      const check = (): void => {
        const m = out.match(pattern);
        if (m) { done(); resolve(m); } else if (child.exitCode !== null) { done(); reject(new Error(`process exited (${child.exitCode}) before printing ${pattern}\n${out}`)); }
      };
      const timer = setTimeout(() => { done(); reject(new Error(`timed out after ${timeout} ms waiting for ${pattern}\n${out}`)); }, timeout);
      const done = (): void => { clearTimeout(timer); waiters.delete(check); };
      waiters.add(check);
      check();
    }),
    exited: () => exit,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        const code = await exit;
        clearTimeout(timer);
        return code;
      }
      return exit;
    },
  };
}

export function startCli(args: string[], o: RunOptions = {}): LiveProcess {
  return startProcess(process.execPath, [CLI, ...args], o);
}
