// orders.controller.ts
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Ctx, Injectable, Logger, MessageContext, Module, NatsClient, Payload, Subject } from '../../../src/index.js';

export class CreateOrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

@Injectable()
export class OrdersService {
  private next = 1;
  create(dto: CreateOrderDto) { return { id: `o-${this.next++}`, ...dto }; }
}

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService, private readonly nats: NatsClient, private readonly log: Logger) {}

  // Nest: @MessagePattern('orders.create') - a request answered with a reply
  @Subject('create')
  create(@Payload() dto: CreateOrderDto) {
    const order = this.orders.create(dto);
    // Nest: this.client.emit('orders.created', order)
    this.nats.publish('orders.created', order);
    return order;
  }

  // Nest: @EventPattern('orders.shipped') - no reply is sent
  @Subject('shipped')
  shipped(@Payload() event: { id: string }, @Ctx() ctx: MessageContext): void {
    this.log.info(`order ${event.id} shipped`, { subject: ctx.subject });
  }
}

@Module({ controllers: [OrdersController], providers: [OrdersService] })
export class OrdersModule {}
