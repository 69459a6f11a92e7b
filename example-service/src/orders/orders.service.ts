import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, NatsClient, Publishes, ServiceError } from '@panini/core';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/service-config.js';
import { Storage, type DocumentStore } from '../storage/document-store.js';
import { modify } from '../storage/modify.js';
import { ReservationResultDto, ReserveStockDto } from '../inventory/dto/reservation.dto.js';
import type { CreateOrderDto } from './dto/create-order.dto.js';
import { Order, type OrderData, type OrderStatus } from './order.entity.js';

/** Where inventory sends its reservation answers (see `create`). */
export const RESERVATIONS_SUBJECT = 'orders.reservations';

/** The event subject of an order change: `events.orders.<id>.<what>`. */
/**
 * Characters a JetStream KV key may hold. An id outside them (`<id>` typed literally from the
 * README) can never name a stored order; asking the store would fail as a 500.
 */
const ORDER_ID = /^[-_=.a-zA-Z0-9]{1,128}$/;

/** A 404 for an id that cannot exist, before the storage layer sees it. */
function checkId(id: string): void {
  if (!ORDER_ID.test(id)) throw new ServiceError(404, `order ${JSON.stringify(id)} not found: order ids look like ord-1a2b3c4d (see orders.list)`);
}

export const orderEvent = (id: string, what: 'created' | 'confirmed' | 'rejected' | 'cancelled'): string => `events.orders.${id}.${what}`;

/**
 * The orders: created pending, confirmed or rejected once inventory answers, cancellable.
 * Shared by the NATS controller, the HTTP controller and the expiry task.
 */
@Injectable()
@Publishes('inventory.reserve', ReserveStockDto, {
  summary: 'Ask inventory to hold the stock of a new order',
  replyTo: RESERVATIONS_SUBJECT,
  reply: ReservationResultDto,
})
@Publishes('events.orders.{id}.{change}', undefined, { summary: 'An order was created, confirmed, rejected or cancelled; the body is the order' })
export class OrdersService {
  private readonly store: DocumentStore<OrderData>;

  constructor(
    storage: Storage,
    private readonly nats: NatsClient,
    private readonly log: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.store = storage.store<OrderData>('orders');
  }

  async create(dto: CreateOrderDto): Promise<Order> {
    const now = new Date().toISOString();
    const data: OrderData = {
      id: `ord-${randomUUID().slice(0, 8)}`,
      status: 'pending',
      customer: { name: dto.customer.name, email: dto.customer.email },
      lines: dto.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      ...(dto.note !== undefined ? { note: dto.note } : {}),
      createdAt: now,
      updatedAt: now,
    };
    await this.store.create(data.id, data);
    this.log.info('order created', { orderId: data.id, lines: data.lines.length });
    // replyTo: inventory answers to orders.reservations, where any replica picks the answer up;
    // nobody blocks waiting for it
    this.nats.publish('inventory.reserve', { orderId: data.id, lines: data.lines }, { replyTo: RESERVATIONS_SUBJECT });
    this.nats.publish(orderEvent(data.id, 'created'), data);
    return Order.from(data);
  }

  async get(id: string): Promise<Order> {
    checkId(id);
    const doc = await this.store.get(id);
    if (!doc) throw new ServiceError(404, `order ${id} not found`);
    return Order.from(doc.value, doc.revision);
  }

  async list(): Promise<Order[]> {
    const docs = await this.store.list();
    return docs.map((d) => Order.from(d.value, d.revision)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Inventory's answer: confirm or reject a pending order. */
  async applyReservation(result: ReservationResultDto): Promise<Order> {
    const status: OrderStatus = result.reserved ? 'confirmed' : 'rejected';
    const { order, changed } = await this.transition(result.orderId, ['pending'], status, (o) => {
      if (result.total !== undefined) o.total = result.total;
      if (result.reason !== undefined) o.reason = result.reason;
    });
    if (!changed && result.reserved && order.status === 'cancelled') {
      // the order was cancelled (or expired) while inventory was reserving: give the stock back
      this.log.warn('stock reserved for an order that is no longer pending; releasing it', { orderId: order.id, status: order.status });
      this.nats.publish(orderEvent(order.id, 'cancelled'), order);
    }
    return order;
  }

  async cancel(id: string, reason = 'cancelled by the customer'): Promise<Order> {
    const { order, changed } = await this.transition(id, ['pending', 'confirmed'], 'cancelled', (o) => { o.reason = reason; });
    if (!changed) throw new ServiceError(409, `order ${id} is ${order.status} and cannot be cancelled`);
    return order;
  }

  /** Cancels orders still pending after `pendingTimeoutMs` (inventory never answered). */
  async expirePending(now = Date.now()): Promise<string[]> {
    const expired: string[] = [];
    for (const order of await this.list()) {
      if (order.status !== 'pending' || now - Date.parse(order.createdAt) < this.config.pendingTimeoutMs) continue;
      const { changed } = await this.transition(order.id, ['pending'], 'cancelled', (o) => { o.reason = 'no stock answer in time'; });
      if (changed) expired.push(order.id);
    }
    return expired;
  }

  /**
   * Moves an order from one of `from` to `to` atomically and publishes the event. Resolves with
   * the order as it is afterwards, and whether this call changed it.
   */
  private async transition(id: string, from: OrderStatus[], to: OrderStatus, edit: (o: OrderData) => void): Promise<{ order: Order; changed: boolean }> {
    checkId(id);
    let changed = false;
    const data = await modify<OrderData, OrderData | undefined>(this.store, id, (current) => {
      changed = false; // a retry after a conflict decides afresh
      if (current === undefined) return { result: undefined };
      if (!from.includes(current.status)) return { result: current };
      current.status = to;
      current.updatedAt = new Date().toISOString();
      edit(current);
      changed = true;
      return { value: current, result: current };
    });
    if (data === undefined) throw new ServiceError(404, `order ${id} not found`);
    if (changed) {
      this.log.info(`order ${to}`, { orderId: id, ...(data.reason ? { reason: data.reason } : {}) });
      this.nats.publish(orderEvent(id, to as 'confirmed' | 'rejected' | 'cancelled'), data);
    }
    return { order: Order.from(data), changed };
  }
}
