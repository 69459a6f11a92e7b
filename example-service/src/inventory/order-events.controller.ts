import { Controller, Logger, Param, Subject } from '@panini/core';
import { InventoryService } from './inventory.service.js';

/**
 * Order events, consumed in the 'inventory' queue group: with any number of replicas, each
 * cancellation releases stock exactly once.
 */
@Controller('events.orders', { queue: 'inventory' })
export class OrderEventsController {
  constructor(
    private readonly inventory: InventoryService,
    private readonly log: Logger,
  ) {}

  @Subject('{id}.cancelled')
  async cancelled(@Param('id') orderId: string): Promise<void> {
    const released = await this.inventory.release(orderId);
    if (!released) this.log.debug('nothing to release', { orderId });
  }
}
