/**
 * Brands let `X.is(value)` recognise a Panini error made by another installed copy of the
 * package (two versions in node_modules, or the same file loaded twice), where `instanceof`
 * fails because each copy has its own class. `Symbol.for` keys are shared by the whole process.
 */
export function brandFor(name: string): symbol {
  return Symbol.for(`@panini/core/${name}`);
}

/** Marks every instance of `cls` (through its prototype, so no instance carries an own field). */
export function setBrand(cls: { prototype: object }, brand: symbol): void {
  Object.defineProperty(cls.prototype, brand, { value: true });
}

/** True when `value` carries `brand`, whichever copy of the package made it. */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
