// inventory.consumer.ts
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Ctx, Injectable, Param, Payload } from '../../../src/index.js';
import { Consume, JetStreamContext } from '../../../src/jetstream/index.js';

export class OrderCreated {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

@Injectable()
export class Stock {
  readonly reserved = new Map<string, number>();
  reserve(orderId: string, sku: string, qty: number) { this.reserved.set(orderId, qty); return sku; }
}

@Controller()
export class InventoryConsumer {
  constructor(private readonly stock: Stock) {}

  // acked when it returns; a throw is retried after 1 s, 5 s, then 30 s;
  // after 5 deliveries (or at once for an invalid OrderCreated) it goes to dlq.ORDERS.inventory
  @Consume('ORDERS', { durable: 'inventory', filterSubject: 'orders.{id}.created', concurrency: 8 })
  reserve(@Param('id') id: string, @Payload() order: OrderCreated, @Ctx() ctx: JetStreamContext) {
    if (ctx.redelivered) console.debug(`order ${id}: delivery ${ctx.deliveryCount}`);
    this.stock.reserve(id, order.sku, order.qty);
  }
}
