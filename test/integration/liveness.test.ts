import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, NatsTransport, PaniniFactory, Subject, type PaniniApplication, type Readiness, type TransportEvent } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

@Controller('live')
class LiveController {
  @Subject('ping') ping() { return 'pong'; }
}

@Module({ controllers: [LiveController] })
class LiveModule {}

describe('the liveness check', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  const lines = new RecordingLogger();
  const events: TransportEvent[] = [];

  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create(LiveModule, {
      name: 'live', servers: nats.url, logging: lines, handleSignals: false,
      livenessCheck: { interval: 100, timeout: 300 }, reconnectTimeWait: 50,
    });
    app.transport.onEvent((e) => events.push(e));
    await app.start();
  });
  after(async () => {
    await app.close();
    await nats.dispose();
  });

  describe('when a callback throws inside nats.js and its reader stops for good', () => {
    it('should report the connection stalled and not ready, force a reconnect, and answer requests again', async () => {
      const nc = (app.transport as NatsTransport).connection;
      // a raw nats.js subscription that throws: this ends the nats.js reader (the zombie case)
      nc.subscribe('live.boom', { callback: () => { throw new Error('callback bug'); } });
      await nc.flush();
      let whenStalled: Readiness | undefined;
      const off = app.transport.onEvent((e) => { if (e.type === 'stalled') whenStalled = app.status.readiness(); });
      try {
        nc.publish('live.boom');
        await waitFor(() => events.find((e) => e.type === 'stalled'), 'the stall to be noticed', 5000);
        await waitFor(() => events.find((e) => e.type === 'reconnected'), 'the forced reconnect', 5000);
        await waitFor(() => app.status.readiness().ready, 'ready again', 5000);
      } finally {
        off();
      }
      assert.equal(whenStalled?.ready, false, 'reported not ready while stalled');
      assert.equal(whenStalled?.transport, 'reconnecting');
      assert.equal(await app.client.request('live.ping', undefined, { timeout: 2000 }), 'pong');
      const logged = lines.lines.find((l) => l.level === 'error' && l.message === 'NATS connection stalled');
      assert.match((logged?.meta as Error | undefined)?.message ?? '', /did not answer a PING within 300 ms/);
    });
  });

  describe('when its settings are not positive durations', () => {
    it('should refuse to connect with a RangeError naming them', async () => {
      const t = new NatsTransport('bad', { servers: nats.url, livenessCheck: { interval: 0 } });
      await assert.rejects(t.connect(), (e: unknown) => e instanceof RangeError && /livenessCheck/.test(e.message));
      assert.equal(t.state, 'idle');
    });
  });
});
