// orders.module.ts
import { Module } from '../../../src/index.js';
import { JetStreamModule } from '../../../src/jetstream/index.js';
import { InventoryConsumer, Stock } from './inventory.consumer.js';
import { OrdersService } from './orders.service.js';

@Module({
  imports: [
    JetStreamModule.forRoot({
      streams: [{ name: 'ORDERS', subjects: ['orders.>'], maxAge: 7 * 24 * 3600_000 }],
      defaults: { backoff: [1000, 5000, 30_000], maxDeliver: 5 },
    }),
  ],
  controllers: [InventoryConsumer],
  providers: [Stock, OrdersService],
})
export class OrdersModule {}
