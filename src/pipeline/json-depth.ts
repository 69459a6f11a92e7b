/** Default deepest nesting of arrays and objects a JSON payload may have. */
export const DEFAULT_MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Finds where JSON bytes nest deeper than `max` levels, in one pass and without parsing: brackets
 * inside strings do not count. Returns the byte offset of the first bracket past the limit, or
 * -1. Malformed input is left to the parser; the scan only bounds the depth, because a deep value
 * blows the stack later (class-transformer, class-validator and JSON.stringify all recurse).
 * Multi-byte UTF-8 sequences never contain these ASCII bytes, so scanning bytes is exact.
 */
export function findDepthExcess(data: Uint8Array, max: number): number {
  // nesting deeper than max needs more than max bytes, and more than max opening brackets: most
  // payloads have a few, counted by the native indexOf far faster than a loop over every byte
  if (data.length <= max || openersAtMost(data, max)) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > max) return i;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
    }
  }
  return -1;
}

// the typed array's own indexOf, a V8 builtin: a Buffer's (what nats.js hands over) goes through
// a JavaScript wrapper and a native binding on every call, which costs more than the search itself
// on a payload of a few hundred bytes
const indexOf = Uint8Array.prototype.indexOf;

/** True when the bytes hold at most `max` opening brackets, inside strings or not. */
function openersAtMost(data: Uint8Array, max: number): boolean {
  let n = 0;
  for (let i = indexOf.call(data, OPEN_OBJECT); i !== -1; i = indexOf.call(data, OPEN_OBJECT, i + 1)) if (++n > max) return false;
  for (let i = indexOf.call(data, OPEN_ARRAY); i !== -1; i = indexOf.call(data, OPEN_ARRAY, i + 1)) if (++n > max) return false;
  return true;
}

/** True for V8's "Maximum call stack size exceeded", the sign of a value nested too deeply. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
