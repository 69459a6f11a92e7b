import { getMetadataStorage, validate, validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { instanceToPlain, plainToInstance, type ClassTransformOptions } from 'class-transformer';
import type { Type } from '../metadata/types.js';
import { ServiceError } from './errors.js';
import { isStackOverflow } from './json-depth.js';
import { convertProperties, type ValueSource } from './dto-conversion.js';
import type { ValidationOptions } from './validation-options.js';
import { compileDto, LIBRARY, type CompiledDto } from './compiled-dto.js';
import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

/** One property that failed, with its dotted path (`items.1.price`) and class-validator's messages. */
export interface FieldError { path: string; constraints: Record<string, string> }

const BRAND = brandFor('ValidationFailedError');

/** A payload (or header/param object) that does not match its DTO. Answered with 400. */
export class ValidationFailedError extends ServiceError {
  static {
    setBrand(this, BRAND);
  }

  /** True for a ValidationFailedError from any installed copy of Panini. */
  static override is(value: unknown): value is ValidationFailedError {
    return hasBrand(value, BRAND);
  }

  constructor(readonly errors: FieldError[], what = 'payload') {
    super(400, `invalid ${what}: ${errors.map((e) => e.path || '(root)').join(', ')}`, errors);
    this.name = 'ValidationFailedError';
  }
}

export const DEFAULT_VALIDATION: ValidationOptions = { whitelist: true, forbidUnknownValues: true, enableImplicitConversion: false };

const BUILTINS = new Set<unknown>([Object, String, Number, Boolean, Array, Symbol, BigInt, Function, Promise, Date, Uint8Array, Buffer, Map, Set, undefined, null]);

/** True for a user class that can act as a DTO. */
export function isDtoType(t: unknown): t is Type {
  return typeof t === 'function' && !BUILTINS.has(t);
}

/**
 * class-validator's error tree as a flat list of dotted paths. Its "unknown value" error (an object
 * of no known class, or a class with no rules for the active groups) names no property: it is
 * reported at the object's own path (`address`, or '' at the root), in words.
 */
export function flattenErrors(errors: ValidationError[], parent = '', groups?: readonly string[], what = 'the value'): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const named = typeof e.property === 'string' && e.property !== '';
    const path = !named ? parent : parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      const constraints = { ...e.constraints };
      if (!named && 'unknownValue' in constraints) constraints.unknownValue = unknownValueMessage(path || what, groups);
      out.push({ path, constraints });
    }
    if (e.children?.length) out.push(...flattenErrors(e.children, path, groups, what));
  }
  return out;
}

export function unknownValueMessage(what: string, groups?: readonly string[]): string {
  const forGroups = groups?.length ? ` for the group${groups.length > 1 ? 's' : ''} ${groups.map((g) => `'${g}'`).join(', ')}` : '';
  return `${what} cannot be checked: its class is unknown or has no validation rules${forGroups}`;
}

/** True when class-validator holds at least one rule for the class (or a parent class). */
export function hasValidationMetadata(type: Type): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
}

/** One DTO type's check, prepared once per handler parameter. */
export interface PreparedValidator {
  /**
   * True when the DTO's metadata was compiled (compiled-dto.ts): `check` is then synchronous, and
   * class-transformer and class-validator run only for values the compiled path does not mirror.
   */
  readonly compiled: boolean;
  /**
   * Turns a plain value into the validated DTO instance (or array of them). Compiled: returns it,
   * or throws ValidationFailedError. Not compiled: returns a promise that resolves to it or
   * rejects with ValidationFailedError.
   */
  readonly check: (value: unknown) => unknown;
}

/**
 * Prepares, once per handler parameter, a function that turns a plain value into a validated DTO
 * instance. Option objects and metadata look-ups stay out of the per-message path.
 */
export function prepareValidator(type: Type | [Type], options: ValidationOptions, what = 'payload', source: ValueSource = 'json'): PreparedValidator {
  const isArray = Array.isArray(type);
  const cls = (isArray ? type[0] : type) as Type;
  const { enableImplicitConversion, disabled, maxDepth: _maxDepth, requireRules: _requireRules, compiled: useCompiled, ...validatorOptions } = options;
  const implicit = enableImplicitConversion === true;
  const transform: ClassTransformOptions = { enableImplicitConversion: enableImplicitConversion === true, exposeDefaultValues: true };
  if (validatorOptions.groups) transform.groups = validatorOptions.groups;
  const check: ValidatorOptions = { ...validatorOptions, validationError: { target: false, value: false } };
  const shouldValidate = disabled !== true && hasValidationMetadata(cls);
  const fast = useCompiled === false || implicit ? undefined : compileDto(cls, check, shouldValidate, (path) => unknownValueMessage(path || what, validatorOptions.groups));

  const notAnObject = (value: unknown, prefix: string, errors: FieldError[]): boolean => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return false;
    errors.push({ path: prefix, constraints: { isObject: `${prefix || what} must be an object matching ${cls.name}` } });
    return true;
  };
  const refuseDepth = (err: unknown, prefix: string, errors: FieldError[]): void => {
    // class-validator recurses too: a value from a codec without a depth limit can exhaust the stack
    if (!isStackOverflow(err)) throw err;
    errors.push({ path: prefix, constraints: { maxDepth: `${prefix || what} is nested too deeply to validate` } });
  };
  const refuseConversion = (err: unknown, prefix: string, errors: FieldError[]): void => {
    // the DTO class is checked at start-up, so what breaks the conversion is the caller's value:
    // class-transformer throws on shapes such as a nested `constructor` key that is not a function
    const rule = isStackOverflow(err) ? 'maxDepth' : 'convertible';
    const why = rule === 'maxDepth' ? 'is nested too deeply to validate' : `cannot be converted to ${cls.name}`;
    errors.push({ path: prefix, constraints: { [rule]: `${prefix || what} ${why}` } });
  };
  // a value refused by conversion is reported once, in Panini's words, not again by its rules
  const keepNew = (errors: FieldError[], before: number, found: FieldError[]): void => {
    if (found.length === 0) return;
    const refused = errors.slice(before).map((e) => e.path);
    for (const e of found) if (!refused.some((r) => e.path === r || e.path.startsWith(`${r}.`))) errors.push(e);
  };

  const one = async (value: unknown, prefix: string, errors: FieldError[]): Promise<unknown> => {
    if (notAnObject(value, prefix, errors)) return value;
    let instance: object;
    const before = errors.length;
    try {
      const converted = convertProperties(cls, value as Record<string, unknown>, source, implicit, prefix, errors);
      instance = plainToInstance(cls, converted, transform) as object;
    } catch (err) {
      refuseConversion(err, prefix, errors);
      return value;
    }
    try {
      if (shouldValidate) keepNew(errors, before, flattenErrors(await validate(instance, check), prefix, validatorOptions.groups, what));
      return instance;
    } catch (err) {
      refuseDepth(err, prefix, errors);
      return value;
    }
  };

  // the compiled path in two halves, so an array's conversion errors come before its rule errors,
  // in the order the awaited path above reports them
  const convertSync = (dto: CompiledDto, value: unknown, prefix: string, errors: FieldError[]): object | undefined => {
    if (notAnObject(value, prefix, errors)) return undefined;
    try {
      const converted = convertProperties(cls, value as Record<string, unknown>, source, implicit, prefix, errors);
      const fast = dto.transform(converted);
      return fast !== LIBRARY ? fast : (plainToInstance(cls, converted, transform) as object);
    } catch (err) {
      refuseConversion(err, prefix, errors);
      return undefined;
    }
  };
  const checkSync = (dto: CompiledDto, instance: object, value: unknown, before: number, prefix: string, errors: FieldError[]): unknown => {
    try {
      if (shouldValidate) {
        const fast = dto.validate(instance, prefix);
        keepNew(errors, before, fast !== LIBRARY ? fast : flattenErrors(validateSync(instance, check), prefix, validatorOptions.groups, what));
      }
      return instance;
    } catch (err) {
      refuseDepth(err, prefix, errors);
      return value;
    }
  };

  const notAnArray = (): ValidationFailedError =>
    new ValidationFailedError([{ path: '', constraints: { isArray: `${what} must be an array of ${cls.name}` } }], what);

  if (fast) {
    return {
      compiled: true,
      check: (value) => {
        const errors: FieldError[] = [];
        let out: unknown;
        if (isArray) {
          if (!Array.isArray(value)) throw notAnArray();
          const befores = value.map(() => errors.length);
          const instances = value.map((v, i) => {
            befores[i] = errors.length;
            return convertSync(fast, v, String(i), errors);
          });
          out = instances.map((instance, i) => (instance === undefined ? value[i] : checkSync(fast, instance, value[i], befores[i]!, String(i), errors)));
        } else {
          const instance = convertSync(fast, value, '', errors);
          out = instance === undefined ? value : checkSync(fast, instance, value, 0, '', errors);
        }
        if (errors.length) throw new ValidationFailedError(errors, what);
        return out;
      },
    };
  }
  return {
    compiled: false,
    check: async (value) => {
      const errors: FieldError[] = [];
      let out: unknown;
      if (isArray) {
        if (!Array.isArray(value)) throw notAnArray();
        out = await Promise.all(value.map((v, i) => one(v, String(i), errors)));
      } else {
        out = await one(value, '', errors);
      }
      if (errors.length) throw new ValidationFailedError(errors, what);
      return out;
    },
  };
}

/**
 * Like prepareValidator, for callers that always wait: the function returns a promise of the DTO
 * instance, rejected with ValidationFailedError.
 */
export function compileValidator(type: Type | [Type], options: ValidationOptions, what = 'payload', source: ValueSource = 'json'): (value: unknown) => Promise<unknown> {
  const { compiled, check } = prepareValidator(type, options, what, source);
  return compiled ? async (value) => check(value) : (check as (value: unknown) => Promise<unknown>);
}

/**
 * A plain object whatever its keys: judged by its prototype, since `constructor`, `prototype` or
 * `__proto__` can be own data properties of a parsed body and must not change how it is sent.
 */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const isSentAsIs = (v: unknown): boolean =>
  v === null || typeof v !== 'object' || (!Array.isArray(v) && (isPlainObject(v) || v instanceof Uint8Array || v instanceof Date));

/**
 * Turns class instances in a reply into plain objects, so `@Exclude()`d fields never leave.
 * Plain objects and arrays of them are sent exactly as they are (class-transformer is not asked,
 * as it would read keys such as `constructor` as the class); arrays are converted element by
 * element.
 */
export function toPlain(value: unknown, groups?: string[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value.every(isSentAsIs) ? value : value.map((v) => toPlain(v, groups));
  }
  if (isSentAsIs(value)) return value;
  return instanceToPlain(value, groups ? { groups } : undefined);
}
