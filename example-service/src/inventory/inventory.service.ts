import { Injectable, Logger, ServiceError } from '@panini/core';
import { Storage, type DocumentStore } from '../storage/document-store.js';
import { modify } from '../storage/modify.js';
import type { ReservationResultDto, ReserveStockDto } from './dto/reservation.dto.js';
import type { RestockDto } from './dto/restock.dto.js';
import { seedStock, type StockItem, type StockState } from './stock.js';

const KEY = 'stock';
const cents = (n: number): number => Math.round(n * 100) / 100;

/** Stock levels and reservations, updated atomically whichever replica handles the message. */
@Injectable()
export class InventoryService {
  private readonly store: DocumentStore<StockState>;

  constructor(storage: Storage, private readonly log: Logger) {
    this.store = storage.store<StockState>('inventory');
  }

  async list(): Promise<StockItem[]> {
    return Object.values((await this.state()).items);
  }

  async get(sku: string): Promise<StockItem> {
    const item = (await this.state()).items[sku];
    if (!item) throw new ServiceError(404, `unknown sku '${sku}'`);
    return item;
  }

  /** Holds every line of an order, or none of them. Answering twice for one order gives the same answer. */
  reserve(dto: ReserveStockDto): Promise<ReservationResultDto> {
    return this.change<ReservationResultDto>((s) => {
      const held = s.reservations[dto.orderId];
      if (held) return { result: { orderId: dto.orderId, reserved: true, total: this.total(s, held) } };
      for (const line of dto.lines) {
        const item = s.items[line.sku];
        if (!item) return { result: { orderId: dto.orderId, reserved: false, reason: `unknown sku '${line.sku}'` } };
        if (item.available < line.quantity) return { result: { orderId: dto.orderId, reserved: false, reason: `only ${item.available} ${line.sku} left` } };
        item.available -= line.quantity;
        item.reserved += line.quantity;
      }
      s.reservations[dto.orderId] = dto.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
      return { value: s, result: { orderId: dto.orderId, reserved: true, total: this.total(s, dto.lines) } };
    });
  }

  /** Gives back what an order holds; false when it held nothing (already released, or never reserved). */
  async release(orderId: string): Promise<boolean> {
    const released = await this.change((s) => {
      const held = s.reservations[orderId];
      if (!held) return { result: false };
      for (const line of held) {
        const item = s.items[line.sku];
        if (item) {
          item.available += line.quantity;
          item.reserved -= line.quantity;
        }
      }
      delete s.reservations[orderId];
      return { value: s, result: true };
    });
    if (released) this.log.info('stock released', { orderId });
    return released;
  }

  restock(dto: RestockDto): Promise<StockItem> {
    return this.change((s) => {
      const item = s.items[dto.sku];
      if (!item) throw new ServiceError(404, `unknown sku '${dto.sku}'`);
      item.available += dto.quantity;
      return { value: s, result: item };
    });
  }

  private total(s: StockState, lines: Array<{ sku: string; quantity: number }>): number {
    return cents(lines.reduce((sum, l) => sum + (s.items[l.sku]?.price ?? 0) * l.quantity, 0));
  }

  private async state(): Promise<StockState> {
    return (await this.store.get(KEY))?.value ?? seedStock();
  }

  private change<R>(fn: (s: StockState) => { value?: StockState; result: R }): Promise<R> {
    return modify<StockState, R>(this.store, KEY, (current) => fn(current ?? seedStock()));
  }
}
