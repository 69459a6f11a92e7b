import { Module } from '@panini/core';
import { StorageModule } from '../storage/storage.module.js';
import { InventoryController } from './inventory.controller.js';
import { InventoryHttpController } from './inventory.http-controller.js';
import { InventoryService } from './inventory.service.js';

@Module({
  imports: [StorageModule],
  controllers: [InventoryController, InventoryHttpController],
  providers: [InventoryService],
  exports: [InventoryService],
})
export class InventoryModule {}
