import { Exclude, Type } from 'class-transformer';

export type OrderStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';

export class OrderLine {
  sku!: string;
  quantity!: number;
}

/** An order as stored: plain JSON. */
export interface OrderData {
  id: string;
  status: OrderStatus;
  customer: { name: string; email: string };
  lines: OrderLine[];
  note?: string;
  /** Set once inventory has reserved the stock. */
  total?: number;
  /** Why it was rejected or cancelled. */
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * An order as the service answers it. Replies go through class-transformer, so the storage
 * revision (an internal detail for optimistic updates) never leaves the service.
 */
export class Order implements OrderData {
  id!: string;
  status!: OrderStatus;
  customer!: { name: string; email: string };
  @Type(() => OrderLine)
  lines!: OrderLine[];
  note?: string;
  total?: number;
  reason?: string;
  createdAt!: string;
  updatedAt!: string;

  @Exclude()
  revision?: number;

  static from(data: OrderData, revision?: number): Order {
    return Object.assign(new Order(), data, { revision });
  }
}
