import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Injectable, Payload, ServiceError, Subject } from '../../src/index.js';
import { Body, Get, HttpCode, HttpController, HttpModule, HttpServer, Param, Post } from '../../src/http/index.js';
import { Test } from '../../src/testing/index.js';

class CreateOrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

interface Order { id: string; sku: string; qty: number }

@Injectable()
class OrdersService {
  private readonly orders = new Map<string, Order>();
  create(dto: CreateOrderDto): Order {
    const order = { id: String(this.orders.size + 1), ...dto };
    this.orders.set(order.id, order);
    return order;
  }
  get(id: string): Order {
    const order = this.orders.get(id);
    if (!order) throw new ServiceError(404, `order ${id} not found`);
    return order;
  }
}

@Controller('orders')
class OrdersController {
  constructor(private readonly orders: OrdersService) {}
  @Subject('get') get(@Payload() body: { id: string }) { return this.orders.get(body.id); }
}

@HttpController('/orders')
class OrdersHttpController {
  constructor(private readonly orders: OrdersService) {}
  @Post() @HttpCode(201) create(@Body() dto: CreateOrderDto) { return this.orders.create(dto); }
  @Get(':id') get(@Param('id') id: string) { return this.orders.get(id); }
}

describe('HTTP with the testing kit', () => {
  describe('when a testing module imports HttpModule on port 0', () => {
    it('should serve HTTP next to the memory broker, sharing providers', async () => {
      const app = await Test.createTestingModule({
        imports: [HttpModule.forRoot({ port: 0, host: '127.0.0.1' })],
        controllers: [OrdersController, OrdersHttpController],
        providers: [OrdersService],
      }).compile();
      try {
        const url = app.get(HttpServer).url;
        const res = await fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'bolt', qty: 2 }) });
        assert.equal(res.status, 201);
        assert.deepEqual(await app.request('orders.get', { id: '1' }), { id: '1', sku: 'bolt', qty: 2 });
        assert.equal((await fetch(`${url}/readyz`)).status, 200);
      } finally {
        await app.close();
      }
    });
  });
});
