import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata.js';

/*
 * `@IsEmail()` is the costliest of the common rules: validator.js's isEmail merges its options,
 * measures both halves with isByteLength (encodeURI and a split) and runs isFQDN, about 2.4 µs per
 * value, most of a compiled DTO check. Most addresses are plain ASCII, and for those one regular
 * expression says "valid" in a few dozen ns. That expression accepts only what validator.js
 * (13.x, isEmail with its default options) accepts:
 *
 * - at most 254 characters, the local part at most 64 (ASCII: bytes = characters);
 * - a local part of dot-separated atoms of `emailUserPart`'s characters (no quotes, no empty atom);
 * - one `@`;
 * - a domain of two or more labels of letters, digits and inner hyphens, each at most 63
 *   characters (isFQDN's rules without underscores, full-width characters or a trailing dot);
 * - a top-level label of two or more letters (isFQDN's `require_tld`, not numeric).
 *
 * Whatever it does not accept (Unicode, quoted local parts, punycode top-level domains, and
 * every invalid address) goes to validator.js, which decides: the answers are the library's.
 */
const PLAIN_EMAIL = /^[a-z\d!#$%&'*+\-\/=?^_`{|}~]+(?:\.[a-z\d!#$%&'*+\-\/=?^_`{|}~]+)*@(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+[a-z]{2,63}$/i;

/** True only for plain ASCII addresses validator.js's isEmail accepts with its default options. */
export function isPlainEmail(value: string): boolean {
  return value.length <= 254 && value.indexOf('@') <= 64 && PLAIN_EMAIL.test(value);
}

/** validator.js's isEmail options (13.x) and their defaults: an `@IsEmail(options)` equal to them takes the fast path. */
const DEFAULT_OPTIONS: Readonly<Record<string, unknown>> = {
  allow_display_name: false,
  allow_underscores: false,
  require_display_name: false,
  allow_utf8_local_part: true,
  require_tld: true,
  blacklisted_chars: '',
  ignore_max_length: false,
  host_blacklist: [],
  host_whitelist: [],
};

function isDefault(options: unknown): boolean {
  if (options === undefined) return true;
  if (options === null || typeof options !== 'object' || Object.getPrototypeOf(options) !== Object.prototype) return false;
  for (const [key, value] of Object.entries(options)) {
    if (!(key in DEFAULT_OPTIONS)) return false;
    const d = DEFAULT_OPTIONS[key];
    if (Array.isArray(d) ? !(Array.isArray(value) && value.length === 0) : value !== d) return false;
  }
  return true;
}

/** Per constraint: whether it is class-validator's IsEmail, routed to validator.js. */
const recognised = new WeakMap<ConstraintMetadata, boolean>();

/**
 * Whether `constraint` is class-validator's own IsEmail: its name, its default message, and, the
 * deciding sign, its check handing the rule's options to validator.js's isEmail, which fills an
 * empty options object with exactly its defaults. A custom constraint that only borrows the name
 * fails this and keeps its own check.
 */
function isLibraryIsEmail(constraint: ConstraintMetadata): boolean {
  let known = recognised.get(constraint);
  if (known !== undefined) return known;
  known = false;
  try {
    const instance = constraint.instance as ValidatorConstraintInterface;
    const args = (options: object): ValidationArguments => ({ targetName: '', property: 'p', object: {}, value: undefined, constraints: [options] });
    const probe: Record<string, unknown> = {};
    const accepted = instance.validate('ann.smith@shop.example.com', args(probe)) === true;
    const filled = Object.keys(probe).length === Object.keys(DEFAULT_OPTIONS).length
      && Object.keys(DEFAULT_OPTIONS).every((k) => isDefault({ [k]: probe[k] }));
    known = accepted && filled
      && instance.validate('a@b', args({})) === false
      && instance.validate(42, args({})) === false
      && instance.defaultMessage?.(args({})) === '$property must be an email';
  } catch {
    known = false;
  }
  recognised.set(constraint, known);
  return known;
}

/**
 * The check to call for a rule: class-validator's IsEmail with default options gets a plain
 * address accepted without validator.js (every other value still goes to it); any other rule
 * keeps its instance.
 */
export function fastCheck(constraint: ConstraintMetadata, options: unknown): ValidatorConstraintInterface {
  const instance = constraint.instance as ValidatorConstraintInterface;
  if (constraint.name !== 'isEmail' || !isDefault(options) || !isLibraryIsEmail(constraint)) return instance;
  return {
    validate: (value: unknown, args?: ValidationArguments) => (typeof value === 'string' && isPlainEmail(value)) || instance.validate(value, args),
  };
}
