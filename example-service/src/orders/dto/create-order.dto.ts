import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CustomerDto } from './customer.dto.js';
import { OrderLineDto } from './order-line.dto.js';

/**
 * What `orders.create` and `POST /orders` take. Nested objects are validated too: an error names
 * its path, such as `lines.0.quantity`.
 */
export class CreateOrderDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
