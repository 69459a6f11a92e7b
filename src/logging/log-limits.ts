/**
 * How much of a logged value is kept. Past a limit the value is cut and the cut is marked in the
 * line (`…and 500 more items`, `[Object cut at depth 8]`, `…[cut 9000 chars]`), so a reader never
 * mistakes a shortened value for the whole one.
 * @example
 * await PaniniFactory.create(AppModule, { logging: { meta: { maxArrayItems: 50, maxDepth: 4 } } });
 */
export interface LogLimits {
  /** Items kept of an array, Set, Map or AggregateError's errors (default 1000). */
  maxArrayItems: number;
  /** Nesting levels of meta kept; deeper objects and arrays are replaced by a marker (default 8). */
  maxDepth: number;
  /** Characters kept of a string in meta (default 100000); the line's message is never cut. */
  maxStringLength: number;
}

export const DEFAULT_LOG_LIMITS: Readonly<LogLimits> = Object.freeze({ maxArrayItems: 1000, maxDepth: 8, maxStringLength: 100_000 });

/** The problem with a `meta` option, or undefined when it is valid. */
export function checkLogLimits(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object such as { maxArrayItems: 100, maxDepth: 6, maxStringLength: 10000 }';
  for (const [key, n] of Object.entries(v)) {
    if (!(key in DEFAULT_LOG_LIMITS)) return `has an unknown field '${key}' (known: ${Object.keys(DEFAULT_LOG_LIMITS).join(', ')})`;
    if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 1)) return `field '${key}' must be a whole number >= 1, got ${JSON.stringify(n) ?? String(n)}`;
  }
  return undefined;
}

/** The limits with defaults for the fields not given. */
export function resolveLogLimits(v: Partial<LogLimits> | undefined): LogLimits {
  if (v === undefined) return DEFAULT_LOG_LIMITS;
  const defined = Object.fromEntries(Object.entries(v).filter(([, n]) => n !== undefined));
  return { ...DEFAULT_LOG_LIMITS, ...defined };
}
