// asyncapi.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaniniFactory } from '../../../src/index.js';
import { createAsyncApiDocument } from '../../../src/contracts/index.js';
import { OrdersModule } from './orders.controller.js';

describe('the orders contract', () => {
  it('should describe what the service receives, answers and sends', async () => {
    // created, not started: no broker is needed to read the contract
    const app = await PaniniFactory.create(OrdersModule, { name: 'orders', handleSignals: false, logging: { silent: true } });
    const doc = await createAsyncApiDocument(app, { version: '1.0.0' });

    assert.equal(doc.channels['orders_id_get']?.address, 'orders.{id}.get');
    assert.deepEqual(Object.keys(doc.channels['orders_id_get']?.parameters ?? {}), ['id']);
    const create = doc.operations['OrdersController_create']!;
    assert.equal(create.action, 'receive');
    assert.deepEqual(create.bindings, { nats: { queue: 'orders', bindingVersion: '0.1.0' } });
    assert.deepEqual(doc.components.schemas['CreateOrderDto']?.['required'], ['email', 'speed', 'lines']);
    assert.ok(Object.values(doc.operations).some((o) => o.action === 'send' && o.summary === 'An order was created'));
    await app.close();
  });
});
