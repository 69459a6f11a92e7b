import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@panini/core/testing';
import { reachable } from './reachable.js';

export interface DevBroker {
  readonly url: string;
  /** Stops the server by its PID, waits for it, and removes its JetStream folder. */
  dispose(): Promise<void>;
}

/**
 * A private `nats-server` for development: loopback only, JetStream in a temp folder, on a free
 * port. It runs in its own process group so that Ctrl-C reaches the service alone: the service
 * drains its connection first, then stops the broker (a shared group would kill the broker
 * mid-drain). The testing kit's startNatsServer does the same for tests, in the caller's group.
 */
export async function startDevBroker(timeoutMs = 10_000): Promise<DevBroker> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'orders-dev-nats-'));
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // last resort if the service dies without disposing (an uncaught error): never leave it behind
  const killOnExit = (): void => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  const cleanUp = (): void => {
    process.removeListener('exit', killOnExit);
    rmSync(store, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + timeoutMs;
    let failure: string | undefined;
    child.once('error', (err) => { failure = `cannot run nats-server: ${err.message}`; });
    child.once('exit', (code) => { failure ??= `nats-server exited with ${code}: ${stderr.trim()}`; });
    while (!(await reachable(`127.0.0.1:${port}`, 250))) {
      if (failure) throw new Error(failure);
      if (Date.now() > deadline) throw new Error(`nats-server did not accept connections within ${timeoutMs} ms: ${stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch (err) {
    child.kill('SIGKILL');
    cleanUp();
    throw err;
  }

  return {
    url: `nats://127.0.0.1:${port}`,
    dispose: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      cleanUp();
    },
  };
}
