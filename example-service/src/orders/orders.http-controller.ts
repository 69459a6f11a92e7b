import { Body, Get, HttpCode, HttpController, Param, Post } from '@panini/core/http';
import { CreateOrderDto } from './dto/create-order.dto.js';
import type { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';

/** The same orders over HTTP: one OrdersService instance serves both. */
@HttpController('/orders')
export class OrdersHttpController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @HttpCode(201)
  create(@Body() dto: CreateOrderDto): Promise<Order> {
    return this.orders.create(dto);
  }

  @Get()
  list(): Promise<Order[]> {
    return this.orders.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Order> {
    return this.orders.get(id);
  }

  @Post(':id/cancel')
  cancel(@Param('id') id: string): Promise<Order> {
    return this.orders.cancel(id);
  }
}
