// orders.controller.ts
import { Type } from 'class-transformer';
import { ArrayMinSize, IsEmail, IsEnum, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Controller, Headers, Module, Param, Payload, Publishes, ServiceError, Subject } from '../../../src/index.js';

export enum Speed { Standard = 'standard', Express = 'express' }

export class LineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

export class CreateOrderDto {
  @IsEmail() email!: string;
  @IsEnum(Speed) speed!: Speed;
  @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
  @IsOptional() @IsString() note?: string;
}

export class OrderView {
  @IsString() id!: string;
  @IsEnum(Speed) speed!: Speed;
  @IsInt() lines!: number;
}

@Controller('orders', { tags: ['orders'] })
@Publishes('events.orders.{id}.created', OrderView, { summary: 'An order was created' })
export class OrdersController {
  private readonly orders = new Map<string, OrderView>();

  @Subject('create', { summary: 'Create an order', returns: OrderView })
  create(@Payload() dto: CreateOrderDto, @Headers('x-tenant') tenant: string): OrderView {
    const view = { id: `${tenant}-${this.orders.size + 1}`, speed: dto.speed, lines: dto.lines.length };
    this.orders.set(view.id, view);
    return view;
  }

  @Subject('{id}.get', { summary: 'Read one order', returns: OrderView })
  get(@Param('id') id: string): OrderView {
    const order = this.orders.get(id);
    if (!order) throw new ServiceError(404, `order ${id} not found`);
    return order;
  }
}

@Module({ controllers: [OrdersController] })
export class OrdersModule {}
