import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

export class OrderLineDto {
  /** A stock keeping unit: lower-case letters, digits and '-', a valid NATS subject token. */
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'sku must be 1 to 40 lower-case letters, digits or dashes' })
  sku!: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
}
