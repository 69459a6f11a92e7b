import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private `nats-server` on a free loopback port, with JetStream in a temp folder. */
export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  /** Stops the server (by its PID) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store (to test broker restarts). */
  restart(): Promise<void>;
  /** Stops it and removes its temp folder. */
  dispose(): Promise<void>;
}

export interface StartNatsServerOptions {
  /** Path of the binary (default `nats-server` from the PATH). */
  binary?: string;
  /** Milliseconds to wait for the server to accept connections (default 10000). */
  timeout?: number;
  /** Extra command-line arguments. */
  args?: string[];
  /**
   * Run the server in its own process group, so a Ctrl-C meant for a service reaches the
   * service alone and it can drain before it disposes the broker (development brokers).
   * The server is still killed if this process exits without disposing it.
   */
  detached?: boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => { s.destroy(); resolve(false); });
  });
}

async function waitUntil(check: () => Promise<boolean>, timeout: number, what: string, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    const reason = failed();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`${what}: gave up after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts a private `nats-server` for a test file or a dev run. Never touches the machine's
 * shared server; stop it with `dispose()`.
 * @example
 * const nats = await startNatsServer();
 * const app = await PaniniFactory.create(AppModule, { servers: nats.url });
 * after(() => nats.dispose());
 */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<NatsServerHandle> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'panini-nats-'));
  const timeout = options.timeout ?? 10_000;
  let child: ChildProcess | undefined;
  let exitInfo: string | undefined;
  let stderr = '';

  const launch = async (): Promise<void> => {
    exitInfo = undefined;
    stderr = '';
    const proc = spawn(options.binary ?? 'nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store, ...(options.args ?? [])], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: options.detached === true,
    });
    child = proc;
    proc.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
    proc.once('error', (err) => { exitInfo = `cannot run nats-server (${err.message}); install it (apt-get install -y nats-server)`; });
    proc.once('exit', (code, sig) => { exitInfo ??= `exited with ${code ?? sig}: ${stderr.trim()}`; });
    await waitUntil(() => canConnect(port), timeout, `nats-server on port ${port}`, () => (child === proc ? exitInfo : 'replaced'));
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  // last resort if the process ends without dispose(): never leave a server behind
  const killOnExit = (): void => { child?.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  try {
    await launch();
  } catch (err) {
    process.removeListener('exit', killOnExit);
    child?.kill('SIGKILL');
    rmSync(store, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    get pid() { return child?.pid; },
    stop,
    restart: async () => { await stop(); await launch(); },
    dispose: async () => {
      await stop();
      process.removeListener('exit', killOnExit);
      rmSync(store, { recursive: true, force: true });
    },
  };
}
