// carts.test.ts
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import { startNatsServer, waitUntil, type NatsServerHandle } from '../../../src/testing/index.js';
import { CartsModule, CartsService, CartsWatcher } from './carts.module.js';

describe('carts in a KV bucket', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;

  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create(CartsModule, { name: 'carts', servers: nats.url, logging: { level: 'warn' }, handleSignals: false });
    await app.start();
  });
  after(async () => {
    await app?.close();
    await nats?.dispose();
  });

  it('should count every item when writers race, and the watch should see each change', async () => {
    const carts = app.get(CartsService);
    await Promise.all([carts.add('42', 'ann', 1), carts.add('42', 'ann', 2), carts.add('42', 'ann', 3)]);
    await carts.checkout('42');
    const watcher = app.get(CartsWatcher);
    await waitUntil(() => watcher.seen.includes('42 delete -'), { timeout: 10_000 });
    assert.equal(watcher.seen.filter((s) => s.includes(' put ')).length, 3);
    assert.equal(watcher.seen.at(-2), '42 put 6');
  });
});
