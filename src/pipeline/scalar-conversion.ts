import { convertString, EXPECTED, scalarKindOf } from './string-conversion.js';
import { ValidationFailedError } from './validation.js';

/**
 * For one named string value declared as a boolean, number or date (`@Param('id') id: number`,
 * `@Headers('x-retry') retry: boolean`, `@Query('page') page: number`), a function that converts
 * it by the strict rules, or undefined for any other declared type (the string is passed as is).
 * A missing value stays undefined; one that does not convert throws `ValidationFailedError`
 * (400) naming the field.
 */
export function compileScalar(designType: unknown, name: string, what: string): ((value: unknown) => unknown) | undefined {
  const kind = scalarKindOf(designType);
  if (kind === undefined) return undefined;
  const refuse = (): never => {
    throw new ValidationFailedError([{ path: name, constraints: { [EXPECTED[kind].rule]: `${name} ${EXPECTED[kind].words}` } }], what);
  };
  return (value) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return refuse();
    const r = convertString(value, kind);
    return r.ok ? r.value : refuse();
  };
}
