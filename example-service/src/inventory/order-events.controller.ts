import { Controller, Logger, Param } from '@panini/core';
import { Consume } from '@panini/core/jetstream';
import { ORDER_EVENTS } from '../orders/order-events.stream.js';
import { InventoryService } from './inventory.service.js';

/**
 * Order events, read through the durable consumer 'inventory' of the ORDER_EVENTS stream: a
 * cancellation published while inventory is down waits in the stream and is handled once it is
 * back. Replicas share the consumer, so each event is handled by one of them; a redelivery does
 * no harm, since releasing an order twice gives back nothing more.
 */
@Controller('events.orders')
export class OrderEventsController {
  constructor(
    private readonly inventory: InventoryService,
    private readonly log: Logger,
  ) {}

  @Consume(ORDER_EVENTS.name, { durable: 'inventory', filterSubject: '{id}.cancelled' })
  async cancelled(@Param('id') orderId: string): Promise<void> {
    const released = await this.inventory.release(orderId);
    if (!released) this.log.debug('nothing to release', { orderId });
  }
}
