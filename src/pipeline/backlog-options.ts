import type { BacklogOptions } from '../metadata/subject-option.types.js';

export type { BacklogOptions };

export type ResolvedBacklog = Required<BacklogOptions>;

/**
 * 10,000 waiting messages is more than 150 rounds of the default 64 handlers at once: seconds of
 * work for a typical handler, after which a caller is better served by another instance. 64 MiB
 * caps the worst case (NATS payloads go up to 1 MiB by default, 64 MiB by configuration).
 */
export const DEFAULT_BACKLOG: ResolvedBacklog = { maxMessages: 10_000, maxBytes: 64 * 1024 * 1024 };

const KEYS = new Set(['maxMessages', 'maxBytes']);

function checkLimit(where: string, key: string, v: unknown): void {
  if (v === undefined || v === Infinity) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new RangeError(`${where}: backlog.${key} must be a whole number >= 0 (or Infinity for no limit), got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  }
}

/**
 * Checks a `backlog` option as written by the user.
 * @throws RangeError naming `where` and the key for an unknown key, a negative, fractional or non-number limit.
 */
export function checkBacklog(where: string, b: unknown): void {
  if (b === undefined) return;
  if (b === null || typeof b !== 'object' || Array.isArray(b)) throw new RangeError(`${where}: backlog must be an object { maxMessages?, maxBytes? }, got ${JSON.stringify(b)}`);
  for (const key of Object.keys(b)) {
    if (!KEYS.has(key)) throw new RangeError(`${where}: unknown backlog option '${key}' (known: maxMessages, maxBytes)`);
    checkLimit(where, key, (b as Record<string, unknown>)[key]);
  }
}

/**
 * The limits of one handler: its own over the app's over the defaults.
 * @throws RangeError as `checkBacklog` (both are checked again here for callers that skip create()).
 */
export function resolveBacklog(handler: string, own: BacklogOptions | undefined, app: BacklogOptions | undefined): ResolvedBacklog {
  checkBacklog(`${handler}: @Subject option`, own);
  checkBacklog('PaniniOptions', app);
  return {
    maxMessages: own?.maxMessages ?? app?.maxMessages ?? DEFAULT_BACKLOG.maxMessages,
    maxBytes: own?.maxBytes ?? app?.maxBytes ?? DEFAULT_BACKLOG.maxBytes,
  };
}
