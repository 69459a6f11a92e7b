import { after, before, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError, ServiceError } from '@panini/core';
import { Test, type TestingApp } from '@panini/core/testing';
import { ServiceConfigModule } from '../../src/config/config.module.js';
import { ReservationResultDto } from '../../src/inventory/dto/reservation.dto.js';
import { CreateOrderDto } from '../../src/orders/dto/create-order.dto.js';
import { CustomerDto } from '../../src/orders/dto/customer.dto.js';
import { OrderLineDto } from '../../src/orders/dto/order-line.dto.js';
import { Order, type OrderData } from '../../src/orders/order.entity.js';
import { OrdersModule } from '../../src/orders/orders.module.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { testConfig } from '../support/test-config.js';

const data: OrderData = {
  id: 'ord-1', status: 'pending', customer: { name: 'Ada', email: 'ada@example.com' },
  lines: [{ sku: 'apple', quantity: 3 }], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const valid = { customer: { name: 'Ada', email: 'ada@example.com' }, lines: [{ sku: 'apple', quantity: 3 }] };

describe('OrdersController', () => {
  let app: TestingApp;
  const orders = {
    create: mock.fn(async () => Order.from(data, 7)),
    get: mock.fn(async (id: string): Promise<Order> => { if (id === 'ord-1') return Order.from(data, 7); throw new ServiceError(404, `order ${id} not found`); }),
    list: mock.fn(async () => [Order.from(data, 7)]),
    cancel: mock.fn(async () => Order.from({ ...data, status: 'cancelled' })),
    applyReservation: mock.fn(async () => Order.from({ ...data, status: 'confirmed' })),
  };
  before(async () => {
    app = await Test.createTestingModule({ imports: [ServiceConfigModule.forValue(testConfig()), OrdersModule] })
      .overrideProvider(OrdersService).useValue(orders)
      .compile();
  });
  beforeEach(() => { for (const fn of Object.values(orders)) fn.mock.resetCalls(); });
  after(() => app.close());

  describe('when a valid order is created', () => {
    it('should pass the DTO to the service and answer the order without its storage revision', async () => {
      const reply = await app.request<Record<string, unknown>>('orders.create', { ...valid, admin: true });
      assert.equal(orders.create.mock.callCount(), 1);
      const [dto] = orders.create.mock.calls[0]!.arguments as unknown[];
      assert.ok(dto instanceof CreateOrderDto);
      assert.ok(dto.customer instanceof CustomerDto && dto.lines[0] instanceof OrderLineDto, 'nested objects are not DTO instances');
      assert.equal('admin' in dto, false, 'an unknown field reached the service');
      assert.equal(reply['id'], 'ord-1');
      assert.equal('revision' in reply, false);
    });
  });

  describe('when a nested field is invalid', () => {
    it('should reply 400 naming each path, and not call the service', async () => {
      const bad = { customer: { name: 'Ada', email: 'not-an-email' }, lines: [{ sku: 'apple', quantity: 0 }] };
      await assert.rejects(app.request('orders.create', bad), (e: unknown) => {
        assert.ok(e instanceof RemoteError);
        assert.equal(e.code, 400);
        assert.deepEqual((e.details as Array<{ path: string }>).map((d) => d.path), ['customer.email', 'lines.0.quantity']);
        return true;
      });
      assert.equal(orders.create.mock.callCount(), 0);
    });
  });

  describe('when an order has no lines', () => {
    it('should reply 400', async () => {
      await assert.rejects(app.request('orders.create', { ...valid, lines: [] }), { code: 400 });
    });
  });

  describe('when an order is fetched by the id token of the subject', () => {
    it('should pass the id from the subject to the service', async () => {
      const reply = await app.request<{ id: string }>('orders.ord-1.get');
      assert.equal(reply.id, 'ord-1');
      assert.deepEqual(orders.get.mock.calls[0]!.arguments, ['ord-1']);
    });

    it('should carry the 404 of the service to the caller', async () => {
      await assert.rejects(app.request('orders.ord-9.get'), { code: 404, message: 'order ord-9 not found' });
    });
  });

  describe('when an order is cancelled by the id token of the subject', () => {
    it('should ask the service to cancel that id and answer the cancelled order', async () => {
      const reply = await app.request<{ id: string; status: string }>('orders.ord-1.cancel');
      assert.deepEqual(orders.cancel.mock.calls.map((c) => c.arguments), [['ord-1']]);
      assert.equal(reply.status, 'cancelled');
    });
  });

  describe('when an answer on orders.reservations does not match ReservationResultDto', () => {
    it('should not call the service, and count and log the failed event', async () => {
      const stats = () => app.app.stats().find((s) => s.subject === 'orders.reservations')!;
      const failedBefore = stats().failedEvents;
      await app.publish('orders.reservations', { orderId: 'ord-1', reserved: 'yes' });
      assert.equal(orders.applyReservation.mock.callCount(), 0);
      assert.equal(stats().failedEvents, failedBefore + 1);
      assert.ok(app.logs!.lines('warn').some((l) => /orders\.reservations/.test(JSON.stringify(l)) && /reserved/.test(JSON.stringify(l))), 'no warning names the subject and the field');
    });
  });

  describe('when inventory answers on orders.reservations', () => {
    it('should hand the validated answer to the service', async () => {
      await app.publish('orders.reservations', { orderId: 'ord-1', reserved: true, total: 1.5 });
      assert.equal(orders.applyReservation.mock.callCount(), 1);
      const [answer] = orders.applyReservation.mock.calls[0]!.arguments as unknown[];
      assert.ok(answer instanceof ReservationResultDto);
      assert.deepEqual([answer.orderId, answer.reserved, answer.total], ['ord-1', true, 1.5]);
    });
  });
});
