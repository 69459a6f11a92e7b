import { Module } from '@panini/core';
import { InventoryModule } from './inventory.module.js';
import { OrderEventsController } from './order-events.controller.js';

/**
 * Inventory's JetStream side: the durable consumer of order events. Apart from InventoryModule
 * (its requests and HTTP API), so those run on the testing kit's memory broker; this one needs
 * the ORDER_EVENTS stream, declared by `JetStreamModule.forRoot` in AppModule.
 */
@Module({
  imports: [InventoryModule],
  controllers: [OrderEventsController],
})
export class InventoryEventsModule {}
