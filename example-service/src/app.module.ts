import { Module } from '@panini/core';
import { JetStreamModule } from '@panini/core/jetstream';
import { coreModules } from './core-modules.js';
import { InventoryEventsModule } from './inventory/inventory-events.module.js';
import { ORDER_EVENTS } from './orders/order-events.stream.js';

/**
 * The service: orders, inventory and an audit trail over NATS, plus an HTTP API and the
 * `/healthz` and `/readyz` probes over the same providers. Order events are kept in the
 * ORDER_EVENTS stream, which inventory reads through a durable consumer.
 */
@Module({
  imports: [...coreModules, JetStreamModule.forRoot({ streams: [ORDER_EVENTS] }), InventoryEventsModule],
})
export class AppModule {}

