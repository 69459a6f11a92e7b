import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Module, NatsClient, PaniniFactory, type PaniniApplication } from '../../src/index.js';
import { freePort, startNatsServer, type NatsServerHandle } from '../../src/testing/index.js';
import { startProcess, type LiveProcess } from '../cli/support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

@Module({})
class CallerModule {}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runWorkers', () => {
  let nats: NatsServerHandle;
  let caller: PaniniApplication;
  before(async () => {
    nats = await startNatsServer();
    caller = await PaniniFactory.create(CallerModule, { name: 'caller', servers: nats.url, logging: { silent: true }, handleSignals: false });
    await caller.start();
  });
  after(async () => { await caller.close(); await nats.dispose(); });

  describe('when a service runs as two workers', () => {
    let service: LiveProcess;
    let httpPort: number;
    before(async () => {
      httpPort = await freePort();
      const script = fileURLToPath(new URL('./fixtures/worker-app.js', import.meta.url));
      service = startProcess(process.execPath, [script], { env: { NATS_URL: nats.url, WORKERS: '2', HTTP_PORT: String(httpPort) } });
    });
    after(async () => { await service.stop(); });

    const readyPids = (): number[] => [...service.output().matchAll(/ready:(\d+)/g)].map((m) => Number(m[1]));
    const answerers = async (count: number): Promise<Set<number>> => {
      const pids = new Set<number>();
      const client = caller.get(NatsClient);
      for (let i = 0; i < count; i++) pids.add((await client.request<{ pid: number }>('workers.pid', {}, { timeout: 5000 })).pid);
      return pids;
    };

    it('should share requests between both through the queue group, and replace a worker that dies', async () => {
      await waitFor(() => readyPids().length === 2, 'two workers to be ready', 20_000);
      const [first, second] = readyPids() as [number, number];
      await waitFor(async () => (await answerers(20)).size === 2, 'both workers to answer', 20_000);
      const httpPids = new Set<number>();
      await waitFor(async () => {
        // a new connection each time: node:cluster hands connections to the workers in turn
        const res = await fetch(`http://127.0.0.1:${httpPort}/workers/pid`, { headers: { connection: 'close' } });
        httpPids.add(((await res.json()) as { pid: number }).pid);
        return httpPids.size === 2;
      }, 'both workers to serve the one HTTP port', 20_000);
      assert.deepEqual([...httpPids].sort(), [first, second].sort());

      process.kill(first, 'SIGKILL');
      await waitFor(() => readyPids().length === 3, 'the killed worker to be replaced', 20_000);
      const third = readyPids()[2]!;
      assert.equal(alive(first), false);
      await waitFor(async () => { const seen = await answerers(20); return seen.has(third) && seen.has(second) && !seen.has(first); }, 'the replacement and the survivor to answer', 20_000);
      assert.match(service.output(), new RegExp(`worker \\d \\(pid ${first}\\) exited \\(SIGKILL\\)`));

      assert.equal(await service.stop(), 0, 'the supervisor ends with 0 once every worker drained');
      assert.match(service.output(), new RegExp(`stopped:${second}:SIGTERM`));
      assert.match(service.output(), new RegExp(`stopped:${third}:SIGTERM`));
      for (const pid of [second, third]) assert.equal(alive(pid), false, `worker ${pid} outlived the supervisor`);
    });
  });
});
