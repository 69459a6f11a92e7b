// typed-client.test.ts
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError } from '../../../src/index.js';
import { ContractClient } from '../../../src/contracts/index.js';
import { Test, type TestingApp } from '../../../src/testing/index.js';
import { OrdersController, OrdersModule, Speed } from './orders.controller.js';

describe('a client typed from the controller', () => {
  let app: TestingApp;
  before(async () => { app = await Test.createTestingModule({ imports: [OrdersModule] }).compile(); });
  after(() => app.close());

  it('should send to the right subject and give the typed reply', async () => {
    const orders = new ContractClient(app.client).for(OrdersController);

    const created = await orders.create({ email: 'ada@example.com', speed: Speed.Express, lines: [{ sku: 'apple', quantity: 2 }] }, 'acme');
    const read = await orders.get(created.id); // sent to orders.acme-1.get

    assert.deepEqual(read, { id: 'acme-1', speed: 'express', lines: 1 });
    await assert.rejects(orders.get('nope'), (err) => RemoteError.is(err) && err.code === 404);
  });
});
