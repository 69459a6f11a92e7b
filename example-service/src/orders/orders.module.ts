import { Module } from '@panini/core';
import { StorageModule } from '../storage/storage.module.js';
import { OrderExpiryTask } from './order-expiry.task.js';
import { OrdersController } from './orders.controller.js';
import { OrdersHttpController } from './orders.http-controller.js';
import { OrdersService } from './orders.service.js';

@Module({
  imports: [StorageModule],
  controllers: [OrdersController, OrdersHttpController],
  providers: [OrdersService, OrderExpiryTask],
  exports: [OrdersService],
})
export class OrdersModule {}
