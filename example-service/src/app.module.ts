import { Module } from '@panini/core';
import { HttpModule } from '@panini/core/http';
import { AuditModule } from './audit/audit.module.js';
import { ServiceConfigModule } from './config/config.module.js';
import { readServiceConfig } from './config/service-config.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { OrdersModule } from './orders/orders.module.js';

// read when this file is imported: HttpModule.forRoot needs the port now (tests override
// HTTP_OPTIONS and SERVICE_CONFIG instead of setting variables)
const config = await readServiceConfig();

/**
 * The service: orders, inventory and an audit trail over NATS, plus an HTTP API and the
 * `/healthz` and `/readyz` probes over the same providers.
 */
@Module({
  imports: [
    ServiceConfigModule.forRoot(),
    HttpModule.forRoot({ port: config.httpPort, host: config.httpHost }),
    OrdersModule,
    InventoryModule,
    AuditModule,
  ],
})
export class AppModule {}
