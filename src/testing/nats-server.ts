import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, NatsProcess, type StopSignal } from './nats-process.js';

export { freePort, type StopSignal } from './nats-process.js';

/** A private `nats-server` on a free loopback port, with JetStream in a temp folder. */
export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  /**
   * Stops the server by its PID and waits for it to exit: SIGTERM by default (a clean
   * shutdown), `'SIGKILL'` for a crash (the store is left as the crash left it).
   */
  stop(signal?: StopSignal): Promise<void>;
  /** Crashes the server: `stop('SIGKILL')`. */
  kill(): Promise<void>;
  /**
   * Stops it (SIGTERM unless told otherwise) and starts it again on the same port and store
   * (to test broker restarts). After `stop()` or `kill()`, it only starts it.
   */
  restart(signal?: StopSignal): Promise<void>;
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
  const server = new NatsProcess(port, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store, ...(options.args ?? [])], {
    binary: options.binary,
    timeout: options.timeout ?? 10_000,
    detached: options.detached,
  });
  try {
    await server.start();
  } catch (err) {
    await server.dispose();
    rmSync(store, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    get pid() { return server.pid; },
    stop: (signal) => server.stop(signal),
    kill: () => server.stop('SIGKILL'),
    restart: async (signal) => { await server.stop(signal); await server.start(); },
    dispose: async () => {
      await server.dispose();
      rmSync(store, { recursive: true, force: true });
    },
  };
}
