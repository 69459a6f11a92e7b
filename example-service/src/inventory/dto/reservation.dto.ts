import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { OrderLineDto } from '../../orders/dto/order-line.dto.js';

/** `inventory.reserve`: hold stock for an order. The answer goes to the sender's replyTo subject. */
export class ReserveStockDto {
  @IsString()
  orderId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];
}

/** Inventory's answer to a reservation, handled by orders on `orders.reservations`. */
export class ReservationResultDto {
  @IsString()
  orderId!: string;

  @IsBoolean()
  reserved!: boolean;

  /** The price of the order, when reserved. */
  @IsOptional()
  @IsNumber()
  total?: number;

  @IsOptional()
  @IsString()
  reason?: string;
}
