import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect as tcpConnect } from 'node:net';

/** How a private nats-server is stopped: SIGTERM lets it shut down cleanly, SIGKILL is a crash. */
export type StopSignal = 'SIGTERM' | 'SIGKILL';

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

async function pollUntil(check: () => Promise<boolean>, timeout: number, what: string, failed: () => string | undefined): Promise<void> {
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
 * One `nats-server` process listening for clients on a fixed loopback port, started and stopped
 * by PID as often as a test needs (the arguments, hence the port and the store, stay the same).
 * Shared by the single server and the cluster helpers.
 */
export class NatsProcess {
  private child: ChildProcess | undefined;
  private exitInfo: string | undefined;
  private stderr = '';
  // last resort if the test process ends without disposing: never leave a server behind
  private readonly killOnExit = (): void => { this.child?.kill('SIGKILL'); };

  constructor(
    readonly port: number,
    private readonly args: readonly string[],
    private readonly options: { binary?: string; timeout: number; detached?: boolean },
  ) {
    process.once('exit', this.killOnExit);
  }

  get pid(): number | undefined { return this.child?.pid; }

  /** True while the process runs. */
  get running(): boolean {
    const c = this.child;
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  }

  /** Spawns the server and waits until it accepts connections on its port. */
  async start(): Promise<void> {
    if (this.running) return;
    this.exitInfo = undefined;
    this.stderr = '';
    const proc = spawn(this.options.binary ?? 'nats-server', [...this.args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: this.options.detached === true,
    });
    this.child = proc;
    proc.stderr?.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-2000); });
    proc.once('error', (err) => { this.exitInfo = `cannot run nats-server (${err.message}); install it (apt-get install -y nats-server)`; });
    proc.once('exit', (code, sig) => { this.exitInfo ??= `exited with ${code ?? sig}: ${this.stderr.trim()}`; });
    await pollUntil(() => canConnect(this.port), this.options.timeout, `nats-server on port ${this.port}`, () => (this.child === proc ? this.exitInfo : 'replaced'));
  }

  /**
   * Sends `signal` to the process by its PID and waits for it to exit. SIGTERM falls back to
   * SIGKILL after 5 s; SIGKILL is a crash: nothing is flushed, the store is left as it was.
   */
  async stop(signal: StopSignal = 'SIGTERM'): Promise<void> {
    const proc = this.child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the process and forgets it (no more kill on exit). */
  async dispose(): Promise<void> {
    await this.stop();
    process.removeListener('exit', this.killOnExit);
  }
}
