import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Test, type TestingApp } from '@panini/core/testing';
import { InventoryModule } from '../../src/inventory/inventory.module.js';
import type { StockItem } from '../../src/inventory/stock.js';

describe('InventoryController', () => {
  let app: TestingApp;
  const stock = (sku: string) => app.request<StockItem>(`inventory.${sku}.get`);
  beforeEach(async () => { app = await Test.createTestingModule({ imports: [InventoryModule] }).compile(); });
  afterEach(() => app.close());

  describe('when every line is in stock', () => {
    it('should hold it and answer reserved with the total', async () => {
      const answer = await app.request('inventory.reserve', { orderId: 'ord-1', lines: [{ sku: 'apple', quantity: 4 }, { sku: 'pear', quantity: 2 }] });
      assert.deepEqual(answer, { orderId: 'ord-1', reserved: true, total: 3.5 });
      assert.deepEqual(await stock('apple'), { sku: 'apple', name: 'Apple', price: 0.5, available: 96, reserved: 4 });
    });
  });

  describe('when one line is short', () => {
    it('should hold nothing and say why', async () => {
      const answer = await app.request('inventory.reserve', { orderId: 'ord-2', lines: [{ sku: 'apple', quantity: 1 }, { sku: 'kiwi', quantity: 1 }] });
      assert.deepEqual(answer, { orderId: 'ord-2', reserved: false, reason: 'only 0 kiwi left' });
      assert.equal((await stock('apple')).available, 100);
    });
  });

  describe('when the same reservation arrives twice', () => {
    it('should hold the stock once', async () => {
      const msg = { orderId: 'ord-3', lines: [{ sku: 'banana', quantity: 10 }] };
      await app.request('inventory.reserve', msg);
      await app.request('inventory.reserve', msg);
      assert.equal((await stock('banana')).available, 50);
    });
  });

  describe('when goods arrive as an inventory.restock event', () => {
    it('should add them to the stock', async () => {
      await app.publish('inventory.restock', { sku: 'kiwi', quantity: 10 });
      assert.equal((await stock('kiwi')).available, 10);
    });
  });

  describe('when an unknown sku is asked for', () => {
    it('should answer 404', async () => {
      await assert.rejects(stock('mango'), { code: 404, message: "unknown sku 'mango'" });
    });
  });
});
