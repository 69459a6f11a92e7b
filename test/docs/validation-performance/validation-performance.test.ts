// validation-performance.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError } from '../../../src/index.js';
import { Test } from '../../../src/testing/index.js';
import { OrdersController } from './orders.controller.js';

const refusal = (err: unknown) => {
  assert.ok(err instanceof RemoteError, `expected an error reply, got ${String(err)}`);
  return { code: err.code, details: err.details };
};

describe('compiled DTO checks', () => {
  it('should answer the same 400 whether the checks are compiled or not', async () => {
    const app = await Test.createTestingModule({ controllers: [OrdersController] }).compile();
    const bad = { id: '', customer: { id: 'c-1', email: 'ann@' }, quantity: 0, coupon: 'x' };
    const compiled = refusal(await app.request('orders.create', bad).catch((e: unknown) => e));
    const libraries = refusal(await app.request('orders.import', bad).catch((e: unknown) => e));
    assert.deepEqual(compiled, libraries);
    assert.deepEqual(compiled.details, [
      { path: 'id', constraints: { isLength: 'id must be longer than or equal to 1 characters' } },
      { path: 'customer.email', constraints: { isEmail: 'email must be an email' } },
      { path: 'quantity', constraints: { min: 'quantity must not be less than 1' } },
    ]);
    await app.close();
  });

  it('should check a DTO with a custom constraint through class-validator', async () => {
    const app = await Test.createTestingModule({ controllers: [OrdersController] }).compile();
    assert.deepEqual(await app.request('orders.restock', { sku: 'SKU-1', quantity: 2 }), { sku: 'SKU-1' });
    const err = refusal(await app.request('orders.restock', { sku: 'X-1', quantity: 2 }).catch((e: unknown) => e));
    assert.deepEqual(err, { code: 400, details: [{ path: 'sku', constraints: { knownSku: 'sku must be a known SKU' } }] });
    await app.close();
  });

  it('should let the whole app switch the compiled checks off', async () => {
    const app = await Test.createTestingModule({ controllers: [OrdersController] })
      .withOptions({ validation: { compiled: false } })
      .compile();
    assert.deepEqual(await app.request('orders.create', { id: 'o-1', customer: { id: 'c-1', email: 'ann@shop.example.com' }, quantity: 1 }), { id: 'o-1' });
    await app.close();
  });
});
