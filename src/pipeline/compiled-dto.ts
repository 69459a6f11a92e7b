import type { ValidatorOptions } from 'class-validator';
import type { Type } from '../metadata/types.js';
import { transformClasses, transformValue, UNSUPPORTED } from './compiled-transform.js';
import { CompiledValidator, type CompiledError } from './compiled-validate.js';

/**
 * A DTO class whose class-transformer and class-validator metadata was compiled at start-up. A
 * step answers LIBRARY for a value it does not mirror exactly, and the caller then makes the
 * libraries' own call, so a result never differs from theirs.
 */
export interface CompiledDto {
  /** plainToInstance(cls, plain, { exposeDefaultValues: true }), or LIBRARY: ask class-transformer. */
  transform(plain: Record<string, unknown>): object | typeof LIBRARY;
  /** validateSync(instance, options) flattened (empty for a valid instance), or LIBRARY: ask class-validator. */
  validate(instance: object, path: string): CompiledError[] | typeof LIBRARY;
}

/** The answer of a compiled step for a value it does not mirror: the library's own call decides. */
export const LIBRARY: unique symbol = Symbol('library');

// the validator options the compiled checks read; any other option leaves the DTO to the libraries
const MIRRORED_OPTIONS = new Set([
  'whitelist', 'forbidNonWhitelisted', 'forbidUnknownValues', 'groups', 'always', 'strictGroups', 'skipMissingProperties',
  'skipNullProperties', 'skipUndefinedProperties', 'stopAtFirstError', 'dismissDefaultMessages', 'validationError', 'enableDebugMessages',
]);

/**
 * Compiles `cls` (and the classes its `@Type`s lead to) for `options`, or returns undefined when
 * something in them is not mirrored exactly: @Expose, @Exclude, @Transform, discriminators, custom
 * constraints, @ValidateIf, async rules, or an option outside MIRRORED_OPTIONS.
 * @param validates false when the DTO is only converted (validation disabled, or no rules)
 * @param unknownMessage the words for an `unknownValue` error at a path
 */
export function compileDto(cls: Type, options: ValidatorOptions, validates: boolean, unknownMessage: (path: string) => string): CompiledDto | undefined {
  if (Object.keys(options).some((k) => !MIRRORED_OPTIONS.has(k))) return undefined;
  const classes = transformClasses(cls);
  if (!classes) return undefined;
  const validator = new CompiledValidator(options, unknownMessage);
  if (validates && !validator.compiles(classes)) return undefined;
  return {
    transform(plain) {
      try {
        return transformValue(plain, cls, undefined, false) as object;
      } catch (err) {
        if (err !== UNSUPPORTED) throw err;
        return LIBRARY;
      }
    },
    validate(instance, path) {
      const out: CompiledError[] = [];
      try {
        validator.check(instance, path, out);
        return out;
      } catch (err) {
        if (err !== UNSUPPORTED) throw err;
        return LIBRARY;
      }
    },
  };
}
