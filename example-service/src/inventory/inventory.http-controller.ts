import { Get, HttpController, Param } from '@panini/core/http';
import { InventoryService } from './inventory.service.js';
import type { StockItem } from './stock.js';

@HttpController('/inventory')
export class InventoryHttpController {
  constructor(private readonly inventory: InventoryService) {}

  @Get()
  list(): Promise<StockItem[]> {
    return this.inventory.list();
  }

  @Get(':sku')
  get(@Param('sku') sku: string): Promise<StockItem> {
    return this.inventory.get(sku);
  }
}
