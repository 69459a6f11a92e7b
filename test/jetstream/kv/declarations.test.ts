import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { ensureStore } from '../../../src/jetstream/kv/ensure-store.js';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { KvError } from '../../../src/jetstream/kv/kv.errors.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { storesApp } from './stores-app.js';

describe('declared buckets and object stores at start-up', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  before(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
  });
  after(async () => {
    await nc?.close();
    await nats?.dispose();
  });

  describe('when a bucket is missing', () => {
    it('should create it with the declared settings and log it', async () => {
      const logger = new RecordingLogger();
      const app = await storesApp(nats.url, { logger, buckets: [{ name: 'made', history: 3, ttl: 60_000, maxBytes: 1 << 20, storage: 'memory', description: 'carts' }], objectStores: [{ name: 'files', maxBytes: 1 << 24 }] });
      await app.close();
      const jsm = await jetstreamManager(nc);
      const c = (await jsm.streams.info('KV_made')).config;
      assert.equal(c.max_msgs_per_subject, 3);
      assert.equal(c.max_age, 60_000 * 1e6);
      assert.equal(c.max_bytes, 1 << 20);
      assert.equal(c.storage, 'memory');
      assert.equal(c.description, 'carts');
      assert.equal((await jsm.streams.info('OBJ_files')).config.max_bytes, 1 << 24);
      assert.ok(logger.lines.some((l) => l.level === 'info' && l.message === "KV bucket 'made' created"));
    });
  });

  describe('when a declared field changed and the server allows it', () => {
    it('should update the bucket and name the fields in the log', async () => {
      await (await storesApp(nats.url, { buckets: [{ name: 'grows', history: 1 }] })).close();
      const logger = new RecordingLogger();
      await (await storesApp(nats.url, { logger, buckets: [{ name: 'grows', history: 10, ttl: 5_000 }] })).close();
      const c = (await (await jetstreamManager(nc)).streams.info('KV_grows')).config;
      assert.equal(c.max_msgs_per_subject, 10);
      assert.equal(c.max_age, 5_000 * 1e6);
      assert.ok(logger.lines.some((l) => l.message === "KV bucket 'grows' updated: history, ttl"), JSON.stringify(logger.lines.map((l) => l.message)));
    });
  });

  describe('when the storage type changed', () => {
    it('should fail start-up with an error naming the field', async () => {
      await (await storesApp(nats.url, { buckets: [{ name: 'fixed', storage: 'file' }] })).close();
      const err = await storesApp(nats.url, { buckets: [{ name: 'fixed', storage: 'memory' }] }).catch((e: unknown) => e);
      assert.ok(KvError.is(err, 'declaration'), String(err));
      assert.equal(err.field, 'storage');
      assert.match(err.message, /KV bucket 'fixed': storage is declared as 'memory' but the server has 'file'/);
    });
  });

  describe('when the server refuses a change', () => {
    it('should fail naming the field and giving the server\'s reason', async () => {
      const config = { name: 'KV_small', max_bytes: 100, storage: 'file' };
      const jsm = {
        streams: {
          info: async () => ({ config }),
          update: async () => { throw new Error('insufficient storage resources available'); },
        },
      } as unknown as JetStreamManager;
      const spec = { what: "KV bucket 'small'", bucket: 'small', stream: 'KV_small', declare: true, howToCreate: '', create: async () => undefined, fields: [{ field: 'maxBytes', stream: 'max_bytes' as const, value: 1e15, mutable: true }] };
      const err = await ensureStore(jsm, spec).catch((e: unknown) => e);
      assert.ok(KvError.is(err, 'declaration'), String(err));
      assert.equal(err.field, 'maxBytes');
      assert.equal(err.message, "KV bucket 'small': the server refused to change maxBytes (100 -> 1000000000000000): insufficient storage resources available");
    });
  });

  describe('when a bucket is declared with declare: false', () => {
    it('should fail start-up when it is missing, saying how to create it', async () => {
      const err = await storesApp(nats.url, { buckets: [{ name: 'external', declare: false, history: 5 }] }).catch((e: unknown) => e);
      assert.ok(KvError.is(err, 'missing'), String(err));
      assert.match(err.message, /nats kv add external --history 5/);
      assert.equal((await (await jetstreamManager(nc)).streams.names().next()).includes('KV_external'), false);
    });

    it('should start and leave it as it is when it exists', async () => {
      await (await storesApp(nats.url, { buckets: [{ name: 'managed', history: 2 }] })).close();
      await (await storesApp(nats.url, { buckets: [{ name: 'managed', declare: false, history: 7 }] })).close();
      assert.equal((await (await jetstreamManager(nc)).streams.info('KV_managed')).config.max_msgs_per_subject, 2);
    });
  });

  describe('when a name is declared twice', () => {
    it('should throw naming it', async () => {
      await assert.rejects(storesApp(nats.url, { buckets: [{ name: 'twice' }, { name: 'twice' }] }), /bucket 'twice' is declared twice/);
    });
  });
});
