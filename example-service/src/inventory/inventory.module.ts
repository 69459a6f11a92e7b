import { Module } from '@panini/core';
import { StorageModule } from '../storage/storage.module.js';
import { InventoryController } from './inventory.controller.js';
import { InventoryHttpController } from './inventory.http-controller.js';
import { InventoryService } from './inventory.service.js';
import { OrderEventsController } from './order-events.controller.js';

@Module({
  imports: [StorageModule],
  controllers: [InventoryController, OrderEventsController, InventoryHttpController],
  providers: [InventoryService],
})
export class InventoryModule {}
