import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, NatsClient, Payload, Subject } from '../../src/index.js';
import { Get, HttpController } from '../../src/http/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { waitFor } from '../support/wait-for.js';
import { gate, type Gate } from './support/gate.js';
import { startHttpApp } from './support/http-app.js';

const state = { entered: 0, release: gate() as Gate };

@Controller('work')
class EchoController {
  @Subject('echo') echo(@Payload() body: { n: number }) { return { echoed: body.n }; }
}

@HttpController('/work')
class SlowController {
  constructor(private readonly nats: NatsClient) {}
  /** Waits for the test, then still needs NATS: proves NATS drains only after HTTP finished. */
  @Get('slow') async slow() {
    state.entered++;
    await state.release.promise;
    return this.nats.request('work.echo', { n: 1 });
  }
}

@Module({ controllers: [EchoController, SlowController] })
class WorkModule {}

interface ReadyBody { status: string; phase: string }

describe('HTTP graceful shutdown', () => {
  let nats: NatsServerHandle;
  before(async () => { nats = await startNatsServer(); });
  after(() => nats?.dispose());

  describe('when the app closes with a request in flight', () => {
    it('should turn readiness to 503, stop accepting connections, finish the request, then drain NATS', async () => {
      state.entered = 0;
      state.release = gate();
      const http = await startHttpApp([WorkModule], { servers: nats.url }, { shutdownDelay: 500 });
      const inflight = http.fetch('/work/slow');
      await waitFor(() => state.entered === 1, 'the slow handler to start');

      const closing = http.close();
      const ready = await waitFor(async () => {
        const res = await http.fetch('/readyz');
        return res.status === 503 ? (await res.json() as ReadyBody) : undefined;
      }, '/readyz to answer 503 once shutdown started');
      assert.deepEqual([ready.status, ready.phase], ['not ready', 'stopping']);

      await waitFor(() => http.fetch('/healthz').then(() => false, () => true), 'the listener to refuse new connections');
      assert.equal(http.app.transport.state, 'connected', 'NATS stays up while HTTP requests are in flight');

      state.release.open();
      const res = await inflight;
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { echoed: 1 });
      await closing;
      assert.equal(http.app.transport.state, 'closed');
      assert.equal(http.app.status.phase, 'stopped');
    });
  });

  describe('when a request outlives the shutdown timeout', () => {
    it('should cut its connection and finish closing', async () => {
      state.entered = 0;
      state.release = gate();
      const http = await startHttpApp([WorkModule], { servers: nats.url, shutdownTimeout: 200 });
      try {
        const inflight = http.fetch('/work/slow').then(() => 'answered', () => 'cut');
        await waitFor(() => state.entered === 1, 'the slow handler to start');
        await http.close();
        assert.equal(await inflight, 'cut');
        assert.equal(http.app.status.phase, 'stopped');
      } finally {
        state.release.open();
      }
    });
  });
});
