import { Controller, Logger, Param, Payload, Subject } from '@panini/core';
import { ReservationResultDto } from '../inventory/dto/reservation.dto.js';
import { CreateOrderDto } from './dto/create-order.dto.js';
import type { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';

/**
 * The orders API over NATS. Every handler joins the service's queue group (the default), so
 * replicas share the requests and each is answered once.
 */
@Controller('orders', { tags: ['orders'] })
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly log: Logger,
  ) {}

  /** `orders.create`: validated against CreateOrderDto (nested customer and lines) before it runs. */
  @Subject('create', {
    summary: 'Create an order; it is confirmed or rejected once inventory answers',
    examples: [{ customer: { name: 'Ada', email: 'ada@example.com' }, lines: [{ sku: 'apple', quantity: 3 }] }],
  })
  create(@Payload() dto: CreateOrderDto): Promise<Order> {
    return this.orders.create(dto);
  }

  @Subject('list')
  list(): Promise<Order[]> {
    return this.orders.list();
  }

  /** `orders.<id>.get`: the `{id}` token is a `*` wildcard whose value arrives as a parameter. */
  @Subject('{id}.get', { summary: 'Read one order' })
  get(@Param('id') id: string): Promise<Order> {
    return this.orders.get(id);
  }

  @Subject('{id}.cancel')
  cancel(@Param('id') id: string): Promise<Order> {
    return this.orders.cancel(id);
  }

  /** Inventory's answers to `inventory.reserve`, sent here through the request's replyTo. */
  @Subject('reservations')
  async reservation(@Payload() result: ReservationResultDto): Promise<void> {
    const order = await this.orders.applyReservation(result);
    // lines logged while a message is handled carry its subject and request id automatically
    this.log.debug('reservation answer applied', { orderId: order.id, status: order.status });
  }
}
