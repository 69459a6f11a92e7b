import { CliError } from '../cli-error.js';

/** The spellings of one generated name: `orders/order-items` -> folder `orders`, `order-items`, `OrderItems`. */
export interface Names {
  /** Folder segments before the last one (`orders`), '' when none. */
  readonly dir: string;
  /** kebab-case file name base (`order-items`). */
  readonly kebab: string;
  /** PascalCase class name base (`OrderItems`). */
  readonly pascal: string;
  /** camelCase (`orderItems`). */
  readonly camel: string;
}

const SEGMENT = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function toKebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
}

export function toPascal(text: string): string {
  return toKebab(text).split('-').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** Parses a generator or project name; `what` names it in the error (`the controller name`). */
export function parseName(raw: string, what: string): Names {
  const segments = raw.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  if (!segments.length || segments.some((s) => !SEGMENT.test(s))) {
    throw new CliError('usage', `${what} "${raw}" is not valid: use letters, digits, '-' and '_', starting with a letter, optionally inside folders (orders/order-items)`);
  }
  const last = segments.pop()!;
  const kebab = toKebab(last);
  const pascal = toPascal(last);
  return { dir: segments.map(toKebab).join('/'), kebab, pascal, camel: pascal[0]!.toLowerCase() + pascal.slice(1) };
}

/** Drops a redundant role suffix the user typed: `create-order-dto` as a DTO is `create-order`. */
export function withoutSuffix(names: Names, suffix: string): Names {
  const k = `-${suffix}`;
  if (!names.kebab.endsWith(k) || names.kebab === suffix) return names;
  const kebab = names.kebab.slice(0, -k.length);
  const pascal = toPascal(kebab);
  return { ...names, kebab, pascal, camel: pascal[0]!.toLowerCase() + pascal.slice(1) };
}
