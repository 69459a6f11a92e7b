import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Controller, Ctx, MessageContext, Payload, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { ObjectBucket, type ObjectMeta } from '../../../src/jetstream/obj/object-bucket.js';
import { ObjectWatch } from '../../../src/jetstream/obj/object-watch.decorator.js';
import { objectChangeOf, type ObjectChangeInfo } from '../../../src/jetstream/obj/object-change.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { waitFor } from '../../support/wait-for.js';
import { storesApp } from '../kv/stores-app.js';

type Seen = ObjectChangeInfo & { meta: ObjectMeta };
const seen: Seen[] = [];
const indexed: string[] = [];

@Controller()
class Exports {
  @ObjectWatch('exports')
  changed(@Payload() meta: ObjectMeta, @Ctx() ctx: MessageContext) {
    seen.push({ ...objectChangeOf(ctx)!, meta });
  }

  @ObjectWatch('exports', { operations: ['put'], concurrency: 2 })
  index(@Payload() meta: ObjectMeta) {
    if (meta.name.endsWith('.broken')) throw new Error('unreadable export');
    indexed.push(meta.name);
  }
}

describe('@ObjectWatch on a nats-server', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  let nc: NatsConnection;
  const logger = new RecordingLogger();

  before(async () => {
    nats = await startNatsServer();
    app = await storesApp(nats.url, { logger, controllers: [Exports], objectStores: [{ name: 'exports' }] });
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
  });
  after(async () => {
    await app?.close();
    await nc?.close();
    await nats?.dispose();
  });

  describe('when another client puts and deletes objects', () => {
    it('should see each complete put with its metadata and each delete, in revision order', async () => {
      const exports = new ObjectBucket('exports', () => nc);
      const big = new Uint8Array(300 * 1024).fill(7);
      const a = await exports.put('2026/a.csv', big, { metadata: { rows: '12' } });
      const b = await exports.put('2026/b.csv', 'b');
      await exports.delete('2026/a.csv');
      await waitFor(() => seen.length >= 3, 'three changes');
      assert.deepEqual(seen.map((s) => [s.name, s.operation, s.meta.size, s.meta.chunks]), [
        ['2026/a.csv', 'put', big.length, 3], ['2026/b.csv', 'put', 1, 1], ['2026/a.csv', 'delete', 0, 0],
      ]);
      assert.deepEqual(seen.slice(0, 2).map((s) => [s.revision, s.meta.revision, s.meta.digest]), [[a.revision, a.revision, a.digest], [b.revision, b.revision, b.digest]]);
      assert.deepEqual(seen[0]!.meta.metadata, { rows: '12' });
      assert.ok(seen[2]!.revision > b.revision);
      assert.ok(seen.every((s) => s.store === 'exports' && s.initial === false && s.meta.modified instanceof Date));
    });
  });

  describe('when a handler throws', () => {
    it('should log it with the store, name and revision, count it, and go on', async () => {
      const exports = new ObjectBucket('exports', () => nc);
      const broken = await exports.put('x.broken', 'x');
      await exports.put('y.csv', 'y');
      await waitFor(() => indexed.includes('y.csv'), 'the next put');
      const line = await waitFor(() => logger.lines.find((l) => l.level === 'error' && /Exports\.index failed/.test(l.message)), 'the error');
      assert.equal(line.message, `Exports.index failed on object 'x.broken' (revision ${broken.revision}) of object store 'exports'`);
      assert.equal(app.stats().find((h) => h.handler === 'Exports.index')?.failedEvents, 1);
      assert.ok(!indexed.includes('x.broken'));
    });
  });

  describe('when the server restarts under a running watch', () => {
    it('should go on after the last revision it handed over: nothing missed, nothing twice', async () => {
      const exports = new ObjectBucket('exports', () => nc);
      await exports.put('before-restart', '1');
      await waitFor(() => seen.some((s) => s.name === 'before-restart'), 'the change before the restart');
      await nats.restart();
      // the store's stream is on disk: the watch resumes from the next revision on the restarted server
      // a read, not a put, waits for the server: a put retried after a lost ack would be a second change
      await waitFor(async () => { try { return (await exports.info('before-restart')) !== undefined; } catch { return false; } }, 'the restarted server', 30_000);
      await exports.put('after-restart', '2');
      await exports.put('later', '3');
      await waitFor(() => seen.some((s) => s.name === 'later'), 'the changes after the restart', 60_000);
      const names = new Set(['before-restart', 'after-restart', 'later']);
      assert.deepEqual(seen.filter((s) => names.has(s.name)).map((s) => s.name), [...names]);
      assert.ok(logger.lines.some((l) => /the object watch of Exports\.changed on 'exports' lost its connection/.test(l.message)), 'the watch was dropped with the connection');
      assert.ok(logger.lines.some((l) => /the object watch of Exports\.changed on 'exports' resumed after revision \d+/.test(l.message)), 'and reopened after it');
      const revisions = seen.map((s) => s.revision);
      assert.deepEqual(revisions, [...new Set(revisions)].sort((x, y) => x - y), 'in revision order, none twice');
    });
  });
});
