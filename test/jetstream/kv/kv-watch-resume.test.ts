import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Controller, Ctx, MessageContext, Payload, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { KvBucket } from '../../../src/jetstream/kv/kv-bucket.js';
import { KvWatch } from '../../../src/jetstream/kv/kv-watch.decorator.js';
import { kvChangeOf, type KvChangeInfo } from '../../../src/jetstream/kv/kv-change.js';
import { waitFor } from '../../support/wait-for.js';
import { storesApp } from './stores-app.js';

type Seen = KvChangeInfo & { value: unknown };
const flags: Seen[] = [];

@Controller()
class FlagsWatcher {
  @KvWatch('flags', '>', { initial: true })
  onFlag(@Payload() value: unknown, @Ctx() ctx: MessageContext) {
    flags.push({ ...kvChangeOf(ctx)!, value });
  }
}

describe('@KvWatch current values', () => {
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
});
