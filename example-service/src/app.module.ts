import { Module } from '@panini/core';
import { HttpModule } from '@panini/core/http';
import { JetStreamModule } from '@panini/core/jetstream';
import { AuditModule } from './audit/audit.module.js';
import { ConfigModule } from './config/config.module.js';
import { loadConfig } from './config/service-config.js';
import { InventoryEventsModule } from './inventory/inventory-events.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { ORDER_EVENTS } from './orders/order-events.stream.js';
import { OrdersModule } from './orders/orders.module.js';

// read when this file is imported: HttpModule.forRoot needs the port now (tests override
// HTTP_OPTIONS and SERVICE_CONFIG instead of setting variables)
const config = loadConfig();

/** What the service is made of, whatever the broker. */
const core = [
  ConfigModule.forRoot(config),
  HttpModule.forRoot({ port: config.httpPort, host: config.httpHost }),
  OrdersModule,
  InventoryModule,
  AuditModule,
];

/**
 * The service: orders, inventory and an audit trail over NATS, plus an HTTP API and the
 * `/healthz` and `/readyz` probes over the same providers. Order events are kept in the
 * ORDER_EVENTS stream, which inventory reads through a durable consumer.
 */
@Module({
  imports: [...core, JetStreamModule.forRoot({ streams: [ORDER_EVENTS] }), InventoryEventsModule],
})
export class AppModule {}

/**
 * The service without JetStream, for `npm start` on the in-memory transport (no NATS at all),
 * which keeps no streams: order events are not kept, and a cancellation releases no stock.
 */
@Module({ imports: core })
export class InMemoryAppModule {}
