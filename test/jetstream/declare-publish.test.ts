import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, PaniniFactory } from '../../src/index.js';
import {
  Consume, JetStreamClient, JetStreamDeclarationError, JetStreamModule, PublishTimeoutError, StreamMismatchError, StreamNotFoundError,
  WrongLastSequenceError, type JetStreamModuleOptions,
} from '../../src/jetstream/index.js';
import { startApp, startJetStream, type JsServer } from './js-support.js';
import { RecordingLogger } from '../support/recording-logger.js';

describe('JetStream declarations and publishing (nats-server with file storage)', () => {
  let js: JsServer;
  before(async () => { js = await startJetStream(); });
  after(async () => { await js?.dispose(); });

  const startWith = async (options: JetStreamModuleOptions, controllers: Array<new () => unknown> = []) => {
    @Module({ imports: [JetStreamModule.forRoot(options)], controllers })
    class M {}
    const app = await PaniniFactory.create(M, { name: 'decl', servers: js.server.url, handleSignals: false, logging: new RecordingLogger() });
    return { app, started: app.start() };
  };

  describe('when a declared stream exists with another storage type', () => {
    it('should fail start-up naming the field the server keeps', async () => {
      await js.jsm.streams.add({ name: 'MEM', subjects: ['mem.>'], storage: 'memory' as never });
      const { started } = await startWith({ streams: [{ name: 'MEM', subjects: ['mem.>'], storage: 'file' }] });
      await assert.rejects(started, (err: unknown) => {
        assert.ok(JetStreamDeclarationError.is(err));
        assert.equal(err.field, 'storage');
        assert.match(err.message, /stream 'MEM': storage cannot change from 'memory' to 'file'/);
        return true;
      });
    });
  });

  describe('when a declared stream differs in a field the server lets change', () => {
    it('should update it at start-up', async () => {
      await js.jsm.streams.add({ name: 'UPD', subjects: ['upd.>'], max_msgs: 10 });
      const { app, started } = await startWith({ streams: [{ name: 'UPD', subjects: ['upd.>', 'upd2.>'], maxMsgs: 100 }] });
      await started;
      const info = await js.jsm.streams.info('UPD');
      assert.equal(info.config.max_msgs, 100);
      assert.deepEqual(info.config.subjects, ['upd.>', 'upd2.>']);
      await app.close();
    });
  });

  describe('when a stream or consumer declared with declare: false does not exist', () => {
    it('should fail start-up saying how to create the stream', async () => {
      const { started } = await startWith({ streams: [{ name: 'EXTERNAL', subjects: ['ext.>'], declare: false }] });
      await assert.rejects(started, (err: unknown) => JetStreamDeclarationError.is(err) && /does not exist .*declare: false.*nats stream add EXTERNAL --subjects 'ext\.>'/.test(err.message));
    });

    it('should fail start-up saying how to create the consumer', async () => {
      @Controller()
      class Ext {
        @Consume('EXT2', { durable: 'managed-elsewhere', declare: false })
        handle() {}
      }
      const { started } = await startWith({ streams: [{ name: 'EXT2', subjects: ['ext2.>'] }] }, [Ext]);
      await assert.rejects(started, (err: unknown) => JetStreamDeclarationError.is(err) && /consumer 'managed-elsewhere' of stream 'EXT2' does not exist.*nats consumer add EXT2 managed-elsewhere --pull/.test(err.message));
    });
  });

  describe('when JetStreamClient publishes', () => {
    let client: JetStreamClient;
    let close: () => Promise<void>;
    before(async () => {
      const { app } = await startApp({ module: class Root {}, imports: [JetStreamModule.forRoot({ streams: [{ name: 'PUB', subjects: ['pub.>'], duplicateWindow: 60_000 }] })] } as never, js.server.url);
      client = app.get(JetStreamClient);
      close = () => app.close();
    });
    after(async () => { await close?.(); });

    it('should resolve with the PubAck, and store a repeated msgId once', async () => {
      const a = await client.publish('pub.a', { n: 1 }, { msgId: 'm-1' });
      const b = await client.publish('pub.a', { n: 1 }, { msgId: 'm-1' });
      assert.deepEqual({ stream: a.stream, duplicate: a.duplicate }, { stream: 'PUB', duplicate: false });
      assert.deepEqual(b, { stream: 'PUB', seq: a.seq, duplicate: true });
    });

    it('should throw StreamNotFoundError when no stream captures the subject', async () => {
      await assert.rejects(client.publish('nowhere.a', {}), (err: unknown) => StreamNotFoundError.is(err) && err.subject === 'nowhere.a');
    });

    it('should throw WrongLastSequenceError when the stream is at another sequence', async () => {
      const last = await client.publish('pub.b', { n: 1 });
      const ok = await client.publish('pub.b', { n: 2 }, { expect: { lastSequence: last.seq } });
      assert.equal(ok.seq, last.seq + 1);
      await assert.rejects(client.publish('pub.b', { n: 3 }, { expect: { lastSequence: last.seq } }), (err: unknown) => WrongLastSequenceError.is(err) && err.current === ok.seq);
      await assert.rejects(client.publish('pub.c', { n: 3 }, { expect: { lastSubjectSequence: 999 } }), (err: unknown) => WrongLastSequenceError.is(err));
    });

    it('should throw StreamMismatchError when the subject lands in another stream', async () => {
      await assert.rejects(client.publish('pub.d', {}, { expect: { stream: 'OTHER' } }), (err: unknown) => StreamMismatchError.is(err));
    });

    it('should throw PublishTimeoutError when no PubAck comes in time', async () => {
      const sub = js.nc.subscribe('silent.x', { callback: () => undefined });
      await js.nc.flush();
      await assert.rejects(client.publish('silent.x', {}, { timeout: 300 }), (err: unknown) => PublishTimeoutError.is(err) && err.timeout === 300);
      sub.unsubscribe();
    });
  });
});
