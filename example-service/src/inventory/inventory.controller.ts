import { Controller, Param, Payload, Subject } from '@panini/core';
import { ReservationResultDto, ReserveStockDto } from './dto/reservation.dto.js';
import { RestockDto } from './dto/restock.dto.js';
import { InventoryService } from './inventory.service.js';
import type { StockItem } from './stock.js';

@Controller('inventory')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  /**
   * `inventory.reserve`: the answer goes wherever the message's reply subject points. The orders
   * service publishes with `replyTo: 'orders.reservations'`; `panini request` gets it directly.
   */
  @Subject('reserve')
  reserve(@Payload() dto: ReserveStockDto): Promise<ReservationResultDto> {
    return this.inventory.reserve(dto);
  }

  @Subject('list')
  list(): Promise<StockItem[]> {
    return this.inventory.list();
  }

  @Subject('{sku}.get')
  get(@Param('sku') sku: string): Promise<StockItem> {
    return this.inventory.get(sku);
  }

  /** An event (`panini publish inventory.restock ...`), or a request that answers the new level. */
  @Subject('restock')
  restock(@Payload() dto: RestockDto): Promise<StockItem> {
    return this.inventory.restock(dto);
  }
}
