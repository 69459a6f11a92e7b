import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Module, NatsClient, PaniniFactory, type PaniniApplication } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/index.js';
import { waitFor } from '../support/wait-for.js';

@Module({})
class ClientModule {}

describe('shutdown on signals', () => {
  let nats: NatsServerHandle;
  let caller: PaniniApplication;
  before(async () => {
    nats = await startNatsServer();
    caller = await PaniniFactory.create(ClientModule, { name: 'caller', servers: nats.url, logging: { silent: true }, handleSignals: false });
    await caller.start();
  });
  after(async () => { await caller.close(); await nats.dispose(); });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    describe(`when the process gets ${signal} with a request in flight`, () => {
      it('should answer the request, run the shutdown hooks and end by the signal', async () => {
        const script = fileURLToPath(new URL('./fixtures/signal-app.js', import.meta.url));
        const child = spawn(process.execPath, [script, nats.url], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
        try {
          await waitFor(() => out.includes('ready'), 'the child service to start', 10_000);
          const reply = caller.get(NatsClient).request('signals.slow', {}, { timeout: 5000 });
          await waitFor(() => out.includes('handling'), 'the request to be in flight');
          child.kill(signal);
          assert.equal(await reply, 'finished');
          const end = await exited;
          assert.equal(end.signal, signal);
          assert.match(out, new RegExp(`shutdown:${signal}`));
        } finally {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }
      });
    });
  }
});
