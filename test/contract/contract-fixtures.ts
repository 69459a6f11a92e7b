import { IsInt, IsString, Min } from 'class-validator';
import {
  Controller, Ctx, Headers, Inject, Injectable, MessageContext, Module, NatsClient, Param, Payload, ServiceError, Subject,
  UseGuards, UseMiddleware, type Codec,
} from '../../src/index.js';

export class CreateOrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

export interface Order { id: string; sku: string; qty: number }

@Injectable()
export class OrdersService {
  async create(dto: CreateOrderDto): Promise<Order> {
    return { id: `o-${dto.sku}`, sku: dto.sku, qty: dto.qty };
  }
}

/** Where handled events go; tests override it with an array of their own. */
export const TICKS = Symbol('ticks');

export const upper: Codec<string> = {
  name: 'upper',
  encode: (v) => new TextEncoder().encode(String(v).toUpperCase()),
  decode: (b) => new TextDecoder().decode(b),
};

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly nats: NatsClient,
    @Inject(TICKS) private readonly ticks: number[],
  ) {}

  @Subject('create')
  async create(@Payload() dto: CreateOrderDto): Promise<Order> {
    const order = await this.orders.create(dto);
    this.nats.publish('orders.created', { id: order.id });
    return order;
  }

  @Subject('{id}.get')
  get(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new ServiceError(404, `order ${id} not found`, { id });
    return { id };
  }

  @Subject('crash') crash(): never { throw new Error('secret internals'); }

  @Subject('guarded') @UseGuards(() => false) guarded(): string { return 'never'; }

  @Subject('traced')
  @UseMiddleware(async (ctx: MessageContext, next: () => Promise<unknown>) => { ctx.setReplyHeader('x-middleware', 'ran'); return next(); })
  traced(@Headers('x-trace') trace: string, @Ctx() ctx: MessageContext): { trace: string } {
    ctx.setReplyHeader('x-trace-back', `${trace}!`);
    return { trace };
  }

  @Subject('strict', { invalidTo: 'orders.invalid' }) strict(@Payload() dto: CreateOrderDto): void { this.ticks.push(dto.qty); }

  @Subject('tick') tick(@Payload() body: { n: number }): void { this.ticks.push(body.n); }

  @Subject('text', { codec: 'string' }) text(@Payload() s: string): string { return `${s}:${typeof s}`; }
  @Subject('bytes', { codec: 'bytes' }) bytes(@Payload() b: Uint8Array): Uint8Array { return Uint8Array.from(b).reverse(); }
  @Subject('custom', { codec: upper }) custom(@Payload() s: string): string { return `got ${s}`; }
}

@Module({ controllers: [OrdersController], providers: [OrdersService, { provide: TICKS, useValue: [] }] })
export class OrdersModule {}

/** A second service that calls the first over the broker. */
@Controller('front')
export class FrontController {
  constructor(private readonly nats: NatsClient) {}
  @Subject('order') order(@Payload() body: { sku: string }): Promise<Order> {
    return this.nats.request<Order>('orders.create', { sku: body.sku, qty: 1 });
  }
}

/** Shares its load through a queue group named on the controller, whatever the service is called. */
@Controller('pool', { queue: 'pool-workers' })
export class PoolController {
  constructor(@Inject(TICKS) private readonly ticks: number[]) {}
  @Subject('job') job(@Payload() body: { n: number }): void { this.ticks.push(body.n); }
  /** The handler's own option wins over the controller's. */
  @Subject('notice', { queue: false }) notice(@Payload() body: { n: number }): void { this.ticks.push(-body.n); }
}

@Module({ controllers: [PoolController], providers: [{ provide: TICKS, useValue: [] }] })
export class PoolModule {}
