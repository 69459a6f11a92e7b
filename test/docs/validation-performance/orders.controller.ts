// orders.controller.ts
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Length, Min, Validate, ValidateNested, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { Controller, Payload, Subject } from '../../../src/index.js';

export class CustomerDto {
  @IsString() @Length(1, 32) id!: string;
  @IsEmail() email!: string;
}

/** Only class-validator's own decorators: compiled at start-up. */
export class CreateOrderDto {
  @IsString() @Length(1, 32) id!: string;
  @ValidateNested() @Type(() => CustomerDto) customer!: CustomerDto;
  @IsInt() @Min(1) quantity!: number;
}

@ValidatorConstraint({ name: 'knownSku' })
export class KnownSku implements ValidatorConstraintInterface {
  validate(sku: unknown): boolean {
    return typeof sku === 'string' && sku.startsWith('SKU-');
  }
  defaultMessage(): string {
    return '$property must be a known SKU';
  }
}

/** A custom constraint: this DTO is checked by class-validator itself, on every message. */
export class RestockDto {
  @Validate(KnownSku) sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

@Controller('orders')
export class OrdersController {
  @Subject('create')
  create(@Payload() order: CreateOrderDto): { id: string } {
    return { id: order.id };
  }

  @Subject('restock')
  restock(@Payload() restock: RestockDto): { sku: string } {
    return { sku: restock.sku };
  }

  /** The compiled checks switched off for one handler: the libraries run on every message. */
  @Subject('import', { validation: { compiled: false } })
  import(@Payload() order: CreateOrderDto): { id: string } {
    return { id: order.id };
  }
}
