import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Test, type TestingApp } from '@panini/core/testing';
import { ServiceConfigModule } from '../../src/config/config.module.js';
import { OrdersModule } from '../../src/orders/orders.module.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { testConfig } from '../support/test-config.js';

const order = { customer: { name: 'Ada', email: 'ada@example.com' }, lines: [{ sku: 'apple', quantity: 3 }] };

describe('OrdersService', () => {
  let app: TestingApp;
  let service: OrdersService;
  beforeEach(async () => {
    app = await Test.createTestingModule({ imports: [ServiceConfigModule.forValue(testConfig()), OrdersModule] }).compile();
    service = app.get(OrdersService);
  });
  afterEach(() => app.close());

  describe('when an order is created', () => {
    it('should store it pending, ask inventory with replyTo orders.reservations and publish the created event', async () => {
      const created = await service.create(order);
      assert.equal(created.status, 'pending');
      const reserve = await app.traffic.waitFor('inventory.reserve');
      assert.equal(reserve.reply, 'orders.reservations');
      assert.deepEqual(reserve.data, { orderId: created.id, lines: order.lines });
      await app.traffic.waitFor(`events.orders.${created.id}.created`);
    });
  });

  describe('when inventory reserved the stock', () => {
    it('should confirm the order with its total and publish the confirmed event', async () => {
      const { id } = await service.create(order);
      const after = await service.applyReservation({ orderId: id, reserved: true, total: 1.5 });
      assert.deepEqual([after.status, after.total], ['confirmed', 1.5]);
      await app.traffic.waitFor(`events.orders.${id}.confirmed`);
    });
  });

  describe('when stock arrives for an order that was cancelled meanwhile', () => {
    it('should publish the cancelled event again so inventory releases it', async () => {
      const { id } = await service.create(order);
      await service.cancel(id);
      const before = app.traffic.messages(`events.orders.${id}.cancelled`).length;
      await service.applyReservation({ orderId: id, reserved: true, total: 1.5 });
      assert.equal(app.traffic.messages(`events.orders.${id}.cancelled`).length, before + 1);
      assert.equal((await service.get(id)).status, 'cancelled');
    });
  });

  describe('when a confirmed order is cancelled twice', () => {
    it('should cancel it once and answer 409 the second time', async () => {
      const { id } = await service.create(order);
      await service.applyReservation({ orderId: id, reserved: true, total: 1.5 });
      assert.equal((await service.cancel(id)).status, 'cancelled');
      await assert.rejects(service.cancel(id), { code: 409 });
    });
  });

  describe('when the expiry task runs while an order is still pending', () => {
    it('should cancel it as timed out', async () => {
      const { id } = await service.create(order);
      const run = await app.triggerTask('orders.expire-pending');
      assert.equal(run.status, 'succeeded');
      const after = await service.get(id);
      assert.deepEqual([after.status, after.reason], ['cancelled', 'no stock answer in time']);
    });
  });
});
