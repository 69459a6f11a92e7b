import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Module, NatsTransport } from '../../../src/index.js';
import { JetStreamClient, JetStreamModule, providesBackend } from '../../../src/jetstream/index.js';
import { MemoryTransport, RecordingTransport, Test, TestingError } from '../../../src/testing/index.js';

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'EVENTS', subjects: ['events.>'] }] })] })
class EventsModule {}

describe('a testing app with JetStream', () => {
  describe('when it publishes to a stream', () => {
    it('should record the publish in its traffic and store it in the broker\'s stream', async () => {
      const app = await Test.createTestingModule({ imports: [EventsModule] }).compile();
      try {
        const ack = await app.get(JetStreamClient).publish('events.created', { id: 1 }, { msgId: 'e-1' });
        assert.equal(ack.seq, 1);
        const [recorded] = app.traffic.messages('events.created');
        assert.deepEqual(recorded?.data, { id: 1 });
        assert.equal(recorded?.headers?.['Nats-Msg-Id'], 'e-1');
        assert.equal(app.jetstream.streamInfo('EVENTS').state.messages, 1);
      } finally {
        await app.close();
      }
    });
  });

  describe('when it runs on a transport without JetStream emulation', () => {
    it('should not claim a backend for it, and say app.jetstream is for the memory broker', () => {
      const onNats = new RecordingTransport(new NatsTransport('t', { servers: 'nats://127.0.0.1:1' }));
      assert.equal(providesBackend(onNats), false);
      assert.equal(providesBackend(new RecordingTransport(new MemoryTransport())), true);
    });
  });

  describe('when app.jetstream is read on an app that is not on the memory broker', () => {
    it('should throw a TestingError of kind no-jetstream', async () => {
      const app = await Test.createTestingModule({}).useTransport(new RecordingTransport(new MemoryTransport())).compile();
      try {
        assert.throws(() => app.jetstream, (e: unknown) => TestingError.is(e) && e.kind === 'no-jetstream');
      } finally {
        await app.close();
      }
    });
  });
});
