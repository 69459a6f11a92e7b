import { IsDefined, ValidateIf } from 'class-validator';

/** The condition `@Nullable()` gives `@ValidateIf`: the other rules apply unless the value is null. */
export const NULLABLE_CONDITION = (_: object, value: unknown): boolean => value !== null;

/**
 * The property must be present; `null` is allowed, and any other value must pass the property's
 * other rules. Unlike `@IsOptional()`, a missing property (or `undefined`) is refused with
 * `isDefined`, so "cleared on purpose" and "forgotten" stay apart.
 * @example
 * class UpdateOrderDto {
 *   @Nullable() @IsString() note!: string | null;   // {"note":null} ok, {"note":"x"} ok, {} and {"note":1} 400
 * }
 */
export function Nullable(): PropertyDecorator {
  const present = IsDefined({ message: '$property must be present (null is allowed)' });
  const unlessNull = ValidateIf(NULLABLE_CONDITION);
  return (target, key) => {
    unlessNull(target, key);
    present(target, key);
  };
}
