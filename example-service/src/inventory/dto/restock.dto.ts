import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** `inventory.restock`: goods arrived. */
export class RestockDto {
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/)
  sku!: string;

  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity!: number;
}
