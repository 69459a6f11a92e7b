import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Injectable, Module, Subject, type OnApplicationBootstrap } from '../../src/index.js';
import { HttpServer } from '../../src/http/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { waitFor } from '../support/wait-for.js';
import { startHttpApp, type RunningHttpApp } from './support/http-app.js';

@Controller('health')
class PingController {
  @Subject('ping') ping() { return 'pong'; }
}

/** Asks /readyz while the app is still starting (the HTTP server is up, the app not yet running). */
@Injectable()
class BootProbe implements OnApplicationBootstrap {
  seen: { status: number; body: unknown } | undefined;
  constructor(private readonly server: HttpServer) {}
  async onApplicationBootstrap() {
    const res = await fetch(`${this.server.url}/readyz`);
    this.seen = { status: res.status, body: await res.json() };
  }
}

@Module({ controllers: [PingController], providers: [BootProbe] })
class PingModule {}

interface ReadyBody { status: string; ready: boolean; phase: string; transport: string; subscriptions: { active: number; expected: number } }

describe('HTTP health and readiness', () => {
  describe('when the app runs on a broker that stops and restarts', () => {
    let nats: NatsServerHandle;
    let http: RunningHttpApp;
    before(async () => {
      nats = await startNatsServer();
      http = await startHttpApp([PingModule], { servers: nats.url, reconnectTimeWait: 100 });
    });
    after(async () => {
      await http?.close();
      await nats?.dispose();
    });

    it('should answer /readyz with 503 while the app is starting', () => {
      const seen = http.app.get(BootProbe).seen;
      assert.equal(seen?.status, 503);
      assert.equal((seen?.body as ReadyBody).phase, 'starting');
    });

    it('should answer /healthz and /readyz with 200 once running', async () => {
      const live = await http.fetch('/healthz');
      assert.equal(live.status, 200);
      assert.deepEqual(await live.json(), { status: 'ok' });
      const ready = await http.fetch('/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await ready.json(), { status: 'ready', ready: true, phase: 'running', transport: 'connected', subscriptions: { active: 1, expected: 1 } });
    });

    it('should turn /readyz to 503 while NATS is away, keep /healthz at 200, and recover', async () => {
      await nats.stop();
      const down = await waitFor(async () => {
        const res = await http.fetch('/readyz');
        return res.status === 503 ? (await res.json() as ReadyBody) : undefined;
      }, '/readyz to answer 503 after the broker stopped');
      assert.equal(down.transport, 'reconnecting');
      assert.equal((await http.fetch('/healthz')).status, 200);

      await nats.restart();
      const up = await waitFor(async () => {
        const res = await http.fetch('/readyz');
        return res.status === 200 ? (await res.json() as ReadyBody) : undefined;
      }, '/readyz to answer 200 after the broker restarted');
      assert.equal(up.transport, 'connected');
    });
  });

  describe('when the probes are renamed or turned off', () => {
    it('should serve the liveness probe on its new path and no readiness probe', async () => {
      const http = await startHttpApp([], {}, { health: { liveness: '/live', readiness: false } });
      try {
        assert.equal((await http.fetch('/live')).status, 200);
        assert.equal((await http.fetch('/healthz')).status, 404);
        assert.equal((await http.fetch('/readyz')).status, 404);
      } finally {
        await http.close();
      }
    });

    it('should serve neither probe with health: false', async () => {
      const http = await startHttpApp([], {}, { health: false });
      try {
        assert.equal((await http.fetch('/healthz')).status, 404);
        assert.equal((await http.fetch('/readyz')).status, 404);
      } finally {
        await http.close();
      }
    });
  });
});
