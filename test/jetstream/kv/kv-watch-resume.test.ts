import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Controller, Ctx, MessageContext, Payload, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { KvBucket } from '../../../src/jetstream/kv/kv-bucket.js';
import { KvWatch } from '../../../src/jetstream/kv/kv-watch.decorator.js';
import { kvChangeOf, type KvChangeInfo } from '../../../src/jetstream/kv/kv-change.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { waitFor } from '../../support/wait-for.js';
import { storesApp } from './stores-app.js';

type Seen = KvChangeInfo & { value: unknown };
const flags: Seen[] = [];
const counters: Seen[] = [];
const latest: Seen[] = [];
const orphaned: Seen[] = [];

@Controller()
class FlagsWatcher {
  @KvWatch('flags', '>', { initial: true })
  onFlag(@Payload() value: unknown, @Ctx() ctx: MessageContext) {
    flags.push({ ...kvChangeOf(ctx)!, value });
  }
}

@Controller()
class CounterWatcher {
  @KvWatch('counters', 'n.>')
  onCount(@Payload() value: number, @Ctx() ctx: MessageContext) {
    counters.push({ ...kvChangeOf(ctx)!, value });
  }
}

@Controller()
class LatestWatcher {
  @KvWatch('latest', 'n.>')
  onLatest(@Payload() value: number, @Ctx() ctx: MessageContext) {
    latest.push({ ...kvChangeOf(ctx)!, value });
  }
}

@Controller()
class OrphanedWatcher {
  @KvWatch('orphaned', 'n.>')
  onChange(@Payload() value: number, @Ctx() ctx: MessageContext) {
    orphaned.push({ ...kvChangeOf(ctx)!, value });
  }
}

const errorsOf = (logger: RecordingLogger) => logger.lines.filter((l) => l.level === 'error');

describe('@KvWatch current values, and broker restarts', () => {
  const servers: NatsServerHandle[] = [];
  const conns: NatsConnection[] = [];
  const apps: PaniniApplication[] = [];
  after(async () => {
    for (const a of apps) await a.close();
    for (const c of conns) await c.close();
    for (const s of servers) await s.dispose();
  });

  describe('when the watch asks for the current values first', () => {
    it('should deliver each key\'s current value, skip deleted keys, then the changes', async () => {
      const nats = await startNatsServer();
      servers.push(nats);
      const nc = await connect({ servers: nats.url });
      conns.push(nc);
      const before = new KvBucket<string>('flags', () => nc);
      await (await storesApp(nats.url, { buckets: [{ name: 'flags', history: 5 }] })).close();
      await before.put('dark-mode', 'off');
      await before.put('dark-mode', 'on');
      await before.put('beta', 'yes');
      await before.put('gone', 'x');
      await before.delete('gone');
      const app = await storesApp(nats.url, { controllers: [FlagsWatcher], buckets: [{ name: 'flags', history: 5 }] });
      apps.push(app);
      await waitFor(() => flags.length >= 2, 'the current values');
      await before.put('beta', 'no');
      await before.delete('dark-mode');
      await waitFor(() => flags.length >= 4, 'the changes');
      assert.deepEqual(flags.map((f) => [f.key, f.operation, f.value, f.initial]), [
        ['dark-mode', 'put', 'on', true], ['beta', 'put', 'yes', true],
        ['beta', 'put', 'no', false], ['dark-mode', 'delete', undefined, false],
      ]);
    });
  });

  describe('when the nats-server is killed and restarted during a stream of writes', () => {
    it('should hand the handler every revision the bucket stored, once each, in order', async () => {
      const nats = await startNatsServer();
      servers.push(nats);
      const logger = new RecordingLogger();
      // the bucket keeps every revision written here (at most 15 per key), so every one can be watched
      const app = await storesApp(nats.url, { logger, controllers: [CounterWatcher], buckets: [{ name: 'counters', history: 64 }] });
      apps.push(app);
      const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
      conns.push(nc);
      const writer = new KvBucket<number>('counters', () => nc);
      const serverAnswers = () => waitFor(() => writer.get('n.0').then(() => true, () => false), 'the restarted server', 30_000);
      const acked: number[] = [];
      let restarted: Promise<void> | undefined;
      for (let i = 0; i < 100; i++) {
        // the crash lands while the watch is still handing over the writes before it
        if (i === 40) restarted = nats.kill().then(() => nats.restart());
        try {
          await writer.put(`n.${i % 7}`, i);
          acked.push(i);
        } catch {
          // a write cut off by the crash may or may not be stored: never written twice, the
          // stream tells below what was stored
          await restarted;
          await serverAnswers();
        }
      }
      assert.ok(restarted, 'the server was killed');
      await restarted;
      const lastRevision = await writer.put('n.last', 100);
      await waitFor(() => (counters.at(-1)?.revision ?? 0) >= lastRevision, 'every change after the restart', 60_000);
      const stored = await writer.history('>');
      assert.deepEqual(counters.map((c) => [c.revision, c.value]), stored.map((s) => [s.revision, s.value]));
      assert.ok(acked.every((v) => counters.some((c) => c.value === v)), 'every acknowledged write was handled');
      assert.ok(acked.length >= 60, `most writes were acknowledged (${acked.length})`);
      assert.deepEqual(errorsOf(logger), []);
    });
  });

  describe('when keys change several times while the watch is away, in a bucket keeping one revision per key', () => {
    it('should hand the latest value of every key once the watch is back, in revision order, none twice', async () => {
      const nats = await startNatsServer();
      servers.push(nats);
      const logger = new RecordingLogger();
      // the watch's connection comes back a second after the server, the writer's at once
      const app = await storesApp(nats.url, { logger, controllers: [LatestWatcher], buckets: [{ name: 'latest', history: 1 }], reconnectTimeWait: 1_000 });
      apps.push(app);
      const before = await connect({ servers: nats.url });
      conns.push(before);
      for (let i = 0; i < 14; i++) await new KvBucket<number>('latest', () => before).put(`n.${i % 7}`, i);
      await waitFor(() => latest.length >= 14, 'the changes before the restart');
      await nats.kill();
      await nats.restart();
      const nc = await connect({ servers: nats.url });
      conns.push(nc);
      const writer = new KvBucket<number>('latest', () => nc);
      for (let i = 14; i < 70; i++) await writer.put(`n.${i % 7}`, i);
      const current = await Promise.all(Array.from({ length: 7 }, (_, k) => writer.get(`n.${k}`)));
      const lastSeen = (key: string) => latest.filter((c) => c.key === key).at(-1);
      await waitFor(() => current.every((e) => lastSeen(e!.key)?.revision === e!.revision), 'the latest value of every key', 60_000);
      for (const e of current) assert.equal(lastSeen(e!.key)?.value, e!.value);
      assert.ok(latest.every((c, i) => i === 0 || c.revision > latest[i - 1]!.revision), 'revisions in order, none twice');
      assert.deepEqual(errorsOf(logger), []);
    });
  });

  describe('when the watch\'s consumer is gone after the restart (removed while the connection was away)', () => {
    it('should open a new watch once reconnected and hand every later change once, in order', async () => {
      const nats = await startNatsServer();
      servers.push(nats);
      const logger = new RecordingLogger();
      const app = await storesApp(nats.url, { logger, controllers: [OrphanedWatcher], buckets: [{ name: 'orphaned', history: 64 }], reconnectTimeWait: 1_000 });
      apps.push(app);
      const before = await connect({ servers: nats.url });
      conns.push(before);
      for (let i = 0; i < 10; i++) await new KvBucket<number>('orphaned', () => before).put(`n.${i % 3}`, i);
      await waitFor(() => orphaned.length >= 10, 'the changes before the restart');
      const jsmBefore = await jetstreamManager(before);
      const kept: string[] = [];
      for await (const c of jsmBefore.consumers.list('KV_orphaned')) kept.push(c.name);
      await nats.kill();
      await nats.restart();
      const nc = await connect({ servers: nats.url });
      conns.push(nc);
      // what the server does to an ephemeral consumer whose connection stayed away past its
      // inactivity threshold; only the consumers from before the crash, not a reopened watch's
      const jsm = await jetstreamManager(nc);
      await waitFor(() => jsm.streams.info('KV_orphaned').then(() => true, () => false), 'the restarted JetStream', 30_000);
      for (const name of kept) await jsm.consumers.delete('KV_orphaned', name).catch(() => undefined);
      const writer = new KvBucket<number>('orphaned', () => nc);
      let lastRevision = 0;
      for (let i = 10; i < 30; i++) lastRevision = await writer.put(`n.${i % 3}`, i);
      // nats.js alone notices a missing consumer after two idle heartbeats (60 s)
      await waitFor(() => (orphaned.at(-1)?.revision ?? 0) >= lastRevision, 'the changes after the restart', 30_000);
      const stored = await writer.history('>');
      assert.deepEqual(orphaned.map((c) => [c.revision, c.value]), stored.map((s) => [s.revision, s.value]));
      assert.ok(logger.lines.some((l) => /lost its connection; it reopens after revision 10/.test(l.message)));
      assert.deepEqual(errorsOf(logger), []);
    });
  });
});
