import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Module, PaniniFactory, TransportClosedError, type TransportEvent } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

@Module({})
class EmptyModule {}

describe('closing the app with work the connection still holds', () => {
  const handles: NatsServerHandle[] = [];
  after(async () => { await Promise.all(handles.map((h) => h.dispose())); });

  describe('when a request of the app still waits for its reply', () => {
    it('should reject it with TransportClosedError at close()', async () => {
      const nats = await startNatsServer();
      handles.push(nats);
      const app = await PaniniFactory.create(EmptyModule, { name: 'closing', servers: nats.url, logging: new RecordingLogger(), handleSignals: false });
      await app.start();
      const silent = app.client.subscribe('never.answers', () => undefined);
      await app.client.flush();
      const pending = app.client.request('never.answers', {}, { timeout: 60_000 });
      await app.close();
      await assert.rejects(pending, TransportClosedError);
      silent.unsubscribe();
    });
  });

  describe('when events were published while disconnected and the broker never came back', () => {
    it('should log one warning with their count', async () => {
      const nats = await startNatsServer();
      handles.push(nats);
      const lines = new RecordingLogger();
      const app = await PaniniFactory.create(EmptyModule, { name: 'lost', servers: nats.url, logging: lines, handleSignals: false, shutdownTimeout: 500, reconnectTimeWait: 50 });
      const events: TransportEvent[] = [];
      app.transport.onEvent((e) => events.push(e));
      await app.start();
      await nats.stop();
      await waitFor(() => events.find((e) => e.type === 'disconnected'), 'the disconnect');
      for (let i = 0; i < 3; i++) app.client.publish('lost.event', { i });
      await app.close();
      const warned = lines.lines.filter((l) => l.level === 'warn' && /published while disconnected/.test(l.message));
      assert.equal(warned.length, 1);
      assert.match(warned[0]!.message, /^3 event\(s\) published while disconnected from NATS were never sent/);
    });
  });
});
