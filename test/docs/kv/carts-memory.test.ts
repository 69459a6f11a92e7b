// carts-memory.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/index.js';
import { Test, waitUntil } from '../../../src/testing/index.js';
import { CartsModule, CartsService, CartsWatcher } from './carts.module.js';

describe('carts in the testing kit', () => {
  it('should count every item, watch each change, and forget a cart after its TTL', async () => {
    const clock = new ManualClock();
    const app = await Test.createTestingModule({ imports: [CartsModule] }).withOptions({ scheduler: { clock } }).compile();
    try {
      const carts = app.get(CartsService);
      await Promise.all([carts.add('42', 'ann', 1), carts.add('42', 'ann', 2), carts.add('42', 'ann', 3)]);
      const watcher = app.get(CartsWatcher);
      await waitUntil(() => watcher.seen.includes('42 put 6'));
      assert.equal(watcher.seen.filter((s) => s.includes(' put ')).length, 3);
      // the bucket's TTL is 7 days: the broker's clock moves, no real time passes
      await clock.advance(7 * 86_400_000);
      assert.equal((await carts.add('42', 'ann', 1)).items, 1);
    } finally {
      await app.close();
    }
  });
});
