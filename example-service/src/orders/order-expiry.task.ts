import { Injectable, Interval, Logger } from '@panini/core';
import { OrdersService } from './orders.service.js';

/** How often pending orders are checked. */
export const EXPIRY_CHECK_MS = 5000;

/**
 * Cancels orders that waited too long for inventory. Every replica runs it; that is safe
 * because each cancellation is an optimistic update that only one replica wins.
 */
@Injectable()
export class OrderExpiryTask {
  constructor(
    private readonly orders: OrdersService,
    private readonly log: Logger,
  ) {}

  @Interval(EXPIRY_CHECK_MS, { name: 'orders.expire-pending' })
  async run(): Promise<void> {
    const expired = await this.orders.expirePending();
    if (expired.length) this.log.warn(`cancelled ${expired.length} order(s) that got no stock answer in time`, { orders: expired });
  }
}
