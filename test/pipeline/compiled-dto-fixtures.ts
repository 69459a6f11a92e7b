import { Expose, Transform, Type } from 'class-transformer';
import {
  Allow, ArrayMaxSize, IsDate, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsDefined, IsEmail, IsEnum, IsIn, IsInt, IsNotEmpty, IsNumber,
  IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, MinLength, Validate, ValidateIf, ValidateNested,
  ValidatorConstraint, type ValidatorConstraintInterface,
} from 'class-validator';
import { Nullable } from '../../src/index.js';

/* DTOs for the differential test: compiled checks against class-transformer and class-validator. */

export enum Colour { Red = 'red', Green = 'green' }
export enum Level { Low = 1, High = 2 }

export class AddressDto {
  @IsString() @MinLength(2) @MaxLength(40) street!: string;
  @IsOptional() @IsString() @Matches(/^[0-9]{5}$/) zip?: string;
  @IsIn(['FR', 'DE', 'US']) country!: string;
}

export class LineDto {
  @IsString() @IsNotEmpty() sku!: string;
  @IsInt() @Min(1) @Max(99) quantity!: number;
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) price?: number;
}

export class BaseDto {
  @IsUUID('4') id!: string;
}

/** Most common decorators on one class, with inheritance, nesting, arrays, defaults and null. */
export class KitchenDto extends BaseDto {
  @IsEmail() email!: string;
  @IsEnum(Colour) colour!: Colour;
  @IsOptional() @IsEnum(Level) level?: Level;
  @IsBoolean() active!: boolean;
  @Length(2, 10, { message: '$property needs $constraint1 to $constraint2 characters, got $value' }) code!: string;
  @IsDateString() at!: string;
  @IsDefined() note!: unknown;
  @Nullable() @IsString() comment!: string | null;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
  @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
  @IsOptional() @IsString({ each: true }) @MaxLength(5, { each: true }) tags?: string[];
  @IsOptional() @IsObject() meta?: Record<string, unknown>;
  @IsOptional() @ValidateNested() loose?: object;
  @IsOptional() @IsInt() retries = 3;
  @IsOptional() @Type(() => Number) @IsNumber() weight?: number;
  @IsOptional() @Type(() => Date) @IsDate() due?: Date;
  @Allow() free?: unknown;
}

/** Rules in groups, `always`, and a nested DTO validated in one group only. */
export class GroupedDto {
  @IsString({ groups: ['create'] }) @IsOptional({ groups: ['update'] }) name!: string;
  @IsInt({ always: true }) @Min(0, { groups: ['update'] }) count!: number;
  @IsEmail({}, { groups: ['create', 'update'] }) email!: string;
  @ValidateNested({ groups: ['create'] }) @Type(() => AddressDto) address?: AddressDto;
}

/** The benchmark's DTO. */
export class CustomerDto {
  @IsString() @Length(1, 32) id!: string;
  @IsEmail() email!: string;
}
export class OrderDto {
  @IsString() @Length(1, 32) id!: string;
  @ValidateNested() @Type(() => CustomerDto) customer!: CustomerDto;
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
  @IsInt() @Min(0) priceCents!: number;
}

// ---- DTOs the compiled path leaves to the libraries

@ValidatorConstraint({ name: 'evenLength' })
export class EvenLength implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    return typeof v === 'string' && v.length % 2 === 0;
  }
  defaultMessage(): string {
    return '$property must have an even length';
  }
}

@ValidatorConstraint({ name: 'slowlyKnown', async: true })
export class SlowlyKnown implements ValidatorConstraintInterface {
  async validate(v: unknown): Promise<boolean> {
    return v === 'known';
  }
}

export class CustomRuleDto {
  @IsString() @Validate(EvenLength) code!: string;
  @IsInt() n!: number;
}

export class AsyncRuleDto {
  @Validate(SlowlyKnown) name!: string;
}

export class ConditionalDto {
  @IsIn(['card', 'cash']) kind!: string;
  @ValidateIf((o: ConditionalDto) => o.kind === 'card') @IsString() @Length(4, 4) card?: string;
}

export class TransformedDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @MinLength(1) name!: string;
  @Expose({ name: 'e-mail' }) @IsEmail() email!: string;
}

/** Compilable itself, but its nested class is not: the whole DTO goes to the libraries. */
export class HoldsCustomDto {
  @IsString() label!: string;
  @ValidateNested() @Type(() => CustomRuleDto) inner!: CustomRuleDto;
}
