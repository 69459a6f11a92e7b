import { Module } from '@panini/core';
import { HttpModule } from '@panini/core/http';
import { JetStreamModule } from '@panini/core/jetstream';
import { AuditModule } from './audit/audit.module.js';
import { ServiceConfigModule } from './config/config.module.js';
import { readServiceConfig } from './config/service-config.js';
import { InventoryEventsModule } from './inventory/inventory-events.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { ORDER_EVENTS } from './orders/order-events.stream.js';
import { OrdersModule } from './orders/orders.module.js';
import { STORAGE_BUCKETS } from './storage/storage.module.js';

// read when this file is imported: HttpModule.forRoot needs the port now (tests override
// HTTP_OPTIONS and SERVICE_CONFIG instead of setting variables)
const config = await readServiceConfig();

/**
 * The service: orders, inventory and an audit trail over NATS, plus an HTTP API and the
 * `/healthz` and `/readyz` probes over the same providers. Order events are kept in the
 * ORDER_EVENTS stream, which inventory reads through a durable consumer; documents live in
 * JetStream KV buckets. On the in-memory broker (`npm start` without NATS) the stream and its
 * consumer are emulated and documents are kept in memory.
 */
@Module({
  imports: [
    ServiceConfigModule.forRoot(),
    HttpModule.forRoot({ port: config.httpPort, host: config.httpHost }),
    JetStreamModule.forRoot({ streams: [ORDER_EVENTS], buckets: STORAGE_BUCKETS }),
    OrdersModule,
    InventoryModule,
    InventoryEventsModule,
    AuditModule,
  ],
})
export class AppModule {}
