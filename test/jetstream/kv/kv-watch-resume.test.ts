import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
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

  describe('when the nats-server restarts during a watch', () => {
    it('should go on after the restart with no change lost or seen twice', async () => {
      const nats = await startNatsServer();
      servers.push(nats);
      const logger = new RecordingLogger();
      const app = await storesApp(nats.url, { logger, controllers: [CounterWatcher], buckets: [{ name: 'counters', history: 1 }] });
      apps.push(app);
      const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
      conns.push(nc);
      const writer = new KvBucket<number>('counters', () => nc);
      for (let i = 0; i < 50; i++) await writer.put(`n.${i % 7}`, i);
      await waitFor(() => counters.length >= 50, 'the changes before the restart');
      await nats.stop();
      await nats.restart();
      // writes start as soon as the server answers, while the watch may still be recovering;
      // each is written once (a retried write could have been stored the first time)
      await waitFor(() => writer.get('n.0').then(() => true, () => false), 'the restarted server', 30_000);
      for (let i = 50; i < 100; i++) await writer.put(`n.${i % 7}`, i);
      await waitFor(() => counters.length >= 100, 'every change after the restart', 120_000);
      // a little more traffic proves nothing was queued to come in twice
      await writer.put('n.last', 100);
      await waitFor(() => counters.length >= 101, 'the last change', 30_000);
      assert.deepEqual(counters.map((c) => c.value), Array.from({ length: 101 }, (_, i) => i));
      assert.ok(counters.every((c, i) => i === 0 || c.revision > counters[i - 1]!.revision), 'revisions in order, none twice');
      assert.equal(logger.lines.filter((l) => l.level === 'error').length, 0, JSON.stringify(logger.lines.filter((l) => l.level === 'error')));
    });
  });
});
