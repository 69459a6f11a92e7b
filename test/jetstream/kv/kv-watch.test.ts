import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, Min } from 'class-validator';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Controller, Ctx, MessageContext, Param, Payload, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { KvBucket } from '../../../src/jetstream/kv/kv-bucket.js';
import { KvWatch } from '../../../src/jetstream/kv/kv-watch.decorator.js';
import { kvChangeOf, type KvChangeInfo } from '../../../src/jetstream/kv/kv-change.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { waitFor } from '../../support/wait-for.js';
import { storesApp } from './stores-app.js';

type Seen = KvChangeInfo & { value: unknown };
const seen: Seen[] = [];
const stock: Array<{ sku: string; qty: number }> = [];

class Stock {
  @IsInt() @Min(0) qty!: number;
}

@Controller('ignored-prefix')
class Watchers {
  @KvWatch('prices', 'price.>')
  price(@Payload() value: unknown, @Ctx() ctx: MessageContext) {
    seen.push({ ...kvChangeOf(ctx)!, value });
  }

  @KvWatch('stock', 'sku.{sku}', { operations: ['put'] })
  stock(@Param('sku') sku: string, @Payload() s: Stock) {
    if (!(s instanceof Stock)) throw new Error('not validated');
    stock.push({ sku, qty: s.qty });
  }
}

describe('@KvWatch on a nats-server', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  let nc: NatsConnection;
  const logger = new RecordingLogger();

  before(async () => {
    nats = await startNatsServer();
    app = await storesApp(nats.url, { logger, controllers: [Watchers], buckets: [{ name: 'prices', history: 10 }, { name: 'stock' }] });
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
  });
  after(async () => {
    await app?.close();
    await nc?.close();
    await nats?.dispose();
  });

  describe('when keys are put, deleted and purged', () => {
    it('should see every change in revision order with its operation', async () => {
      const prices = new KvBucket<number>('prices', () => nc);
      const revs: number[] = [];
      revs.push(await prices.put('price.a', 1));
      revs.push(await prices.put('price.b', 2));
      revs.push(await prices.put('price.a', 3));
      await prices.delete('price.b');
      await prices.purge('price.a');
      revs.push(await prices.put('price.c', 4));
      await prices.put('other.x', 5);
      await waitFor(() => seen.length >= 6, 'six changes');
      assert.deepEqual(seen.map((s) => [s.key, s.operation, s.value]), [
        ['price.a', 'put', 1], ['price.b', 'put', 2], ['price.a', 'put', 3],
        ['price.b', 'delete', undefined], ['price.a', 'purge', undefined], ['price.c', 'put', 4],
      ]);
      assert.ok(seen.every((s, i) => i === 0 || s.revision > seen[i - 1]!.revision));
      assert.equal(seen[0]!.revision, revs[0]);
      assert.ok(seen.every((s) => s.bucket === 'prices' && s.initial === false));
    });
  });

  describe('when a value fails the handler\'s DTO', () => {
    it('should log a warning naming the key, count it, and go on with the next change', async () => {
      const s = new KvBucket<unknown>('stock', () => nc);
      await s.put('sku.bad', { qty: -1 });
      await s.put('sku.good', { qty: 3 });
      await s.delete('sku.good');
      await waitFor(() => stock.length >= 1, 'the good change');
      assert.deepEqual(stock, [{ sku: 'good', qty: 3 }]);
      const warn = await waitFor(() => logger.lines.find((l) => l.level === 'warn' && /key 'sku\.bad'/.test(l.message)), 'the warning');
      assert.match(warn.message, /Watchers\.stock failed on key 'sku\.bad' \(revision \d+\) of KV bucket 'stock'/);
      assert.equal(app.stats().find((h) => h.handler === 'Watchers.stock')?.failedEvents, 1);
    });
  });
});
