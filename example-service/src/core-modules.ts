import { HttpModule } from '@panini/core/http';
import { AuditModule } from './audit/audit.module.js';
import { ConfigModule } from './config/config.module.js';
import { loadConfig } from './config/service-config.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { OrdersModule } from './orders/orders.module.js';

// read when this file is imported: HttpModule.forRoot needs the port now (tests override
// HTTP_OPTIONS and SERVICE_CONFIG instead of setting variables)
const config = loadConfig();

/** What the service is made of, whatever the broker. */
export const coreModules = [
  ConfigModule.forRoot(config),
  HttpModule.forRoot({ port: config.httpPort, host: config.httpHost }),
  OrdersModule,
  InventoryModule,
  AuditModule,
];
