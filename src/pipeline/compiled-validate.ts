import { getMetadataStorage, type ValidationArguments, type ValidatorConstraintInterface, type ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata.js';
// @ts-expect-error -- class-validator publishes no types for this path; typed just below
import * as validationUtils from 'class-validator/cjs/validation/ValidationUtils.js';
import type { Type } from '../metadata/types.js';
import { NULLABLE_CONDITION } from '../metadata/nullable.decorator.js';
import { BUILTIN_CONSTRAINTS } from './builtin-constraints.js';
import { fastCheck } from './fast-email.js';
import { UNSUPPORTED } from './compiled-transform.js';

/*
 * class-validator's ValidationExecutor (0.15.1), for one set of options, with the metadata of each
 * class looked up, filtered by groups and grouped by property once instead of on every object.
 * It calls the library's own checks (the constraint instances its decorators registered, which
 * use validator.js for formats), in the same order, and builds the same messages with the
 * library's own token replacement; errors come out already flattened, as flattenErrors would.
 * Classes with rules it does not mirror (custom constraints, @ValidateIf, async or promise rules,
 * a per-rule `validateIf`) are not compiled; values it does not mirror (Set, Map, a check that
 * answers with a promise) throw UNSUPPORTED and are handed to class-validator.
 */

const { replaceMessageSpecialTokens } = (validationUtils as {
  ValidationUtils: { replaceMessageSpecialTokens(message: unknown, args: ValidationArguments): string };
}).ValidationUtils;

/** One property that failed, as `FieldError` (validation.ts) reports it. */
export interface CompiledError { path: string; constraints: Record<string, string> }

interface Rule {
  meta: ValidationMetadata;
  constraint: ConstraintMetadata;
  /** The constraint's instance, taken once from class-validator's container (or its fast path, fast-email.ts). */
  instance: ValidatorConstraintInterface;
  key: string;
  /** The arguments the check is called with, refilled per call (the library's own checks keep no reference). */
  args: ValidationArguments;
}

interface PropertyRules {
  name: string;
  defined: Rule[];
  conditions: Array<(object: object, value: unknown) => boolean>;
  custom: Rule[];
  nested: ValidationMetadata[];
}

interface ClassRules {
  /** Grouped metadata by property, as the library builds it: its keys decide what `whitelist` keeps. */
  grouped: Record<string, ValidationMetadata[]>;
  props: PropertyRules[];
  empty: boolean;
  /** The class's name, read once: `ValidationArguments.targetName` of its properties' checks. */
  targetName: string;
}

type Storage = ReturnType<typeof getMetadataStorage> & {
  getTargetValidatorConstraints(target: unknown): ConstraintMetadata[];
};

const TYPES = { custom: 'customValidation', nested: 'nestedValidation', conditional: 'conditionalValidation', whitelist: 'whitelistValidation', defined: 'isDefined' };

const isCollection = (v: unknown): boolean => Array.isArray(v) || v instanceof Set || v instanceof Map;
const isPromiseLike = (v: unknown): boolean => v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';

/** The dotted path flattenErrors gives a child named `property` under `parent`. */
export function childPath(parent: string, property: string): string {
  return property === '' ? parent : parent ? `${parent}.${property}` : property;
}

/** A checker for one set of validator options. */
export class CompiledValidator {
  private readonly storage = getMetadataStorage() as Storage;
  private readonly rules = new Map<unknown, ClassRules | null>();
  private readonly groups: string[] | undefined;
  /** On unless set to false, as in the library. */
  private readonly forbidUnknown: boolean;
  // the options read for every property, read once
  private readonly skipUndefined: boolean;
  private readonly skipNull: boolean;
  private readonly stopAtFirstError: boolean;

  /**
   * @param unknownMessage the words for class-validator's `unknownValue` error at a path, as
   *   flattenErrors writes them
   */
  constructor(private readonly o: ValidatorOptions, private readonly unknownMessage: (path: string) => string) {
    this.groups = o.groups;
    this.forbidUnknown = o.forbidUnknownValues === undefined || o.forbidUnknownValues !== false;
    this.skipUndefined = o.skipUndefinedProperties === true || o.skipMissingProperties === true;
    this.skipNull = o.skipNullProperties === true || o.skipMissingProperties === true;
    this.stopAtFirstError = !!o.stopAtFirstError;
  }

  /** True when every class listed has only rules this checker mirrors. */
  compiles(classes: Type[]): boolean {
    return classes.every((c) => this.rulesOf(c) !== null);
  }

  /** Validates `object` (a class instance from the transform) and appends its errors, flattened. */
  check(object: object, path: string, out: CompiledError[]): void {
    const rules = this.rulesOf(object.constructor);
    if (!rules) throw UNSUPPORTED;
    if (this.forbidUnknown && rules.empty) {
      out.push({ path, constraints: { unknownValue: this.unknownMessage(path) } });
      return;
    }
    if (this.o.whitelist) this.whitelist(object as Record<string, unknown>, rules.grouped, path, out);
    const props = rules.props;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      this.perform(object, (object as Record<string, unknown>)[p.name], p.name, p, path, out, rules.targetName);
    }
  }

  private whitelist(object: Record<string, unknown>, grouped: Record<string, ValidationMetadata[]>, path: string, out: CompiledError[]): void {
    let refused: string[] | undefined;
    for (const key of Object.keys(object)) {
      // read like the library reads it: a key such as `toString` finds the object's prototype
      const g = grouped[key];
      if (!g || g.length === 0) (refused ??= []).push(key);
    }
    for (const key of refused ?? []) {
      if (this.o.forbidNonWhitelisted) out.push({ path: childPath(path, key), constraints: { whitelistValidation: `property ${key} should not exist` } });
      else delete object[key];
    }
  }

  private perform(object: object, value: unknown, name: string, p: Pick<PropertyRules, 'defined' | 'conditions' | 'custom' | 'nested'>, parent: string, out: CompiledError[], targetName?: string): void {
    const conditions = p.conditions;
    if (conditions.length) {
      let can = true;
      for (let i = 0; i < conditions.length; i++) can = conditions[i]!(object, value) && can;
      if (!can) return;
    }
    // children (from nested rules) follow their parent's own entry: keep a place for it
    const at = p.nested.length ? out.push(undefined as never) - 1 : -1;
    let c: Record<string, string> | undefined;
    if (p.defined.length) c = this.custom(object, value, p.defined, c, targetName);
    if (!((value === undefined && this.skipUndefined) || (value === null && this.skipNull))) {
      if (p.custom.length) c = this.custom(object, value, p.custom, c, targetName);
      if (p.nested.length && value !== undefined) c = this.nested(value, p.nested, c, childPath(parent, name), out);
    }
    if (at < 0) {
      if (c !== undefined) out.push({ path: childPath(parent, name), constraints: c });
    } else if (c !== undefined) out[at] = { path: childPath(parent, name), constraints: c };
    else if (out.length === at + 1) out.length = at;
    else out.splice(at, 1);
  }

  private custom(object: object, value: unknown, rules: Rule[], c: Record<string, string> | undefined, targetName: string | undefined): Record<string, string> | undefined {
    for (let i = 0; i < rules.length; i++) {
      if (this.stopAtFirstError && c !== undefined) break;
      const { meta, constraint, instance, key, args } = rules[i]!;
      args.targetName = targetName!;
      args.object = object;
      args.value = value;
      let ok: unknown;
      if (!meta.each || !isCollection(value)) {
        ok = instance.validate(value, args);
        if (isPromiseLike(ok)) throw UNSUPPORTED;
      } else {
        if (!Array.isArray(value)) throw UNSUPPORTED;
        const each = value.map((v: unknown) => instance.validate(v, args));
        if (each.some(isPromiseLike)) throw UNSUPPORTED;
        ok = each.every((v) => v);
      }
      args.object = args.value = undefined as never;
      if (!ok) (c ??= {})[key] = this.message(object, value, meta, constraint);
    }
    return c;
  }

  private nested(value: unknown, metas: ValidationMetadata[], c: Record<string, string> | undefined, path: string, out: CompiledError[]): Record<string, string> | undefined {
    for (const meta of metas) {
      if (this.stopAtFirstError && c !== undefined) break;
      if (isCollection(value)) {
        if (!Array.isArray(value)) throw UNSUPPORTED;
        const element = { defined: [], conditions: [], custom: [], nested: metas };
        // forEach: holes are skipped, as the library skips them
        value.forEach((sub: unknown, i: number) => this.perform(value, sub, String(i), element, path, out));
      } else if (value instanceof Object) {
        this.check(value, path, out);
      } else {
        (c ??= {})[meta.type] = this.message(meta.target as object, value, meta);
      }
    }
    return c;
  }

  private message(object: object, value: unknown, meta: ValidationMetadata, constraint?: ConstraintMetadata): string {
    const args: ValidationArguments = { targetName: object.constructor?.name, property: meta.propertyName, object, value, constraints: meta.constraints };
    let message: unknown = meta.message || '';
    if (!meta.message && !this.o.dismissDefaultMessages && constraint && constraint.instance.defaultMessage instanceof Function) {
      message = constraint.instance.defaultMessage(args);
    }
    return replaceMessageSpecialTokens(message, args);
  }

  private rulesOf(cls: unknown): ClassRules | null {
    let r = this.rules.get(cls);
    if (r === undefined) {
      r = typeof cls === 'function' ? this.build(cls) : null;
      this.rules.set(cls, r);
    }
    return r;
  }

  private build(cls: Function): ClassRules | null {
    const { always = false, strictGroups = false } = this.o;
    const metas = this.storage.getTargetValidationMetadatas(cls, '', always, strictGroups, this.groups);
    const grouped = this.storage.groupByPropertyName(metas);
    const props: PropertyRules[] = [];
    for (const name of Object.keys(grouped)) {
      const p: PropertyRules = { name, defined: [], conditions: [], custom: [], nested: [] };
      for (const meta of grouped[name]!) {
        if (meta.type === TYPES.whitelist) continue;
        if (meta.type === TYPES.nested) p.nested.push(meta);
        else if (meta.type === TYPES.conditional) {
          const condition = meta.constraints?.[0] as PropertyRules['conditions'][number];
          // @IsOptional and Panini's @Nullable are known to read only the value; any other @ValidateIf is the library's
          if (meta.name !== 'isOptional' && condition !== NULLABLE_CONDITION) return null;
          p.conditions.push(condition);
        } else if (meta.type === TYPES.custom || meta.type === TYPES.defined) {
          const rule = this.rule(meta);
          if (!rule) return null;
          (meta.type === TYPES.defined ? p.defined : p.custom).push(rule);
        } else return null;
      }
      props.push(p);
    }
    return { grouped, props, empty: metas.length === 0, targetName: cls.name };
  }

  /** A rule of one of class-validator's own decorators: registered through ValidateBy, synchronous. */
  private rule(meta: ValidationMetadata): Rule | null {
    if (meta.validateIf) return null;
    const constraints = this.storage.getTargetValidatorConstraints(meta.constraintCls);
    if (constraints.length !== 1) return null;
    const constraint = constraints[0]!;
    if (constraint.async || !constraint.name || !BUILTIN_CONSTRAINTS.has(constraint.name) || (meta.constraintCls as { name?: string }).name !== 'CustomConstraint') return null;
    const args: ValidationArguments = { targetName: '', property: meta.propertyName, object: {}, value: undefined, constraints: meta.constraints };
    return { meta, constraint, instance: fastCheck(constraint, meta.constraints?.[0]), key: constraint.name, args };
  }
}
