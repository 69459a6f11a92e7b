// orders-http.ts
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Injectable, Module, NatsClient, Param, Payload, ServiceError, Subject } from '../../../src/index.js';
import { Body, Get, HttpCode, HttpController, HttpModule, Post } from '../../../src/http/index.js';

export class CreateOrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

export interface Order { id: string; sku: string; qty: number }

@Injectable()
export class OrdersService {
  private readonly orders = new Map<string, Order>();
  create(dto: CreateOrderDto): Order {
    const order = { id: String(this.orders.size + 1), sku: dto.sku, qty: dto.qty };
    this.orders.set(order.id, order);
    return order;
  }
  get(id: string): Order {
    const order = this.orders.get(id);
    if (!order) throw new ServiceError(404, `order ${id} not found`);
    return order;
  }
}

// NATS: orders.create and orders.get
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}
  @Subject('create') create(@Payload() dto: CreateOrderDto) { return this.orders.create(dto); }
  @Subject('get') get(@Payload() body: { id: string }) { return this.orders.get(body.id); }
}

// HTTP: the same OrdersService instance
@HttpController('/orders')
export class OrdersHttpController {
  constructor(private readonly orders: OrdersService, private readonly nats: NatsClient) {}

  @Post() @HttpCode(201)
  create(@Body() dto: CreateOrderDto) { return this.orders.create(dto); }

  @Get(':id')
  get(@Param('id') id: string) { return this.orders.get(id); }

  // asks another service over NATS; its error code becomes the HTTP status
  @Get(':id/stock')
  stock(@Param('id') id: string) {
    return this.nats.request('inventory.stock', { sku: this.orders.get(id).sku });
  }
}

@Module({
  imports: [HttpModule.forRoot({ port: 8080 })],
  controllers: [OrdersController, OrdersHttpController],
  providers: [OrdersService],
})
export class AppModule {}
