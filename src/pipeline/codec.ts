import type { Codec } from '../metadata/subject-option.types.js';
import { DEFAULT_MAX_DEPTH, findDepthExcess } from './json-depth.js';
import { brandFor, hasBrand, setBrand } from '../errors/brand.js';

export type { Codec };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

const BRAND = brandFor('MalformedPayloadError');

/**
 * Thrown by a codec when the payload is malformed, with a message that quotes none of it (a
 * secret sent by mistake must not reach logs or replies). Answered with 400.
 */
export class MalformedPayloadError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a MalformedPayloadError from any installed copy of Panini. */
  static is(value: unknown): value is MalformedPayloadError {
    return hasBrand(value, BRAND);
  }

  constructor(message: string, readonly offset?: number) {
    super(message);
    this.name = 'MalformedPayloadError';
  }
}

const encodeJson = (value: unknown): Uint8Array => (value === undefined ? EMPTY : encoder.encode(JSON.stringify(value)));

/**
 * A JSON codec that refuses payloads nested deeper than `maxDepth` arrays/objects before parsing
 * them (one pass over the bytes), since a deep value blows the stack in validation or encoding.
 * @throws RangeError when maxDepth is not a whole number >= 1.
 */
export function createJsonCodec(maxDepth = DEFAULT_MAX_DEPTH): Codec {
  if (!Number.isInteger(maxDepth) || maxDepth < 1) throw new RangeError(`maxDepth must be a whole number >= 1, got ${maxDepth}`);
  return {
    name: 'json',
    encode: encodeJson,
    decode: (data) => {
      if (data.length === 0) return undefined;
      const at = findDepthExcess(data, maxDepth);
      if (at >= 0) throw new MalformedPayloadError(`JSON nested deeper than ${maxDepth} levels (at byte ${at})`, at);
      try {
        return JSON.parse(decoder.decode(data));
      } catch (err) {
        // V8's message quotes the input; keep only where it went wrong
        const pos = /position (\d+)/.exec((err as Error).message)?.[1];
        throw new MalformedPayloadError(pos === undefined ? `not valid JSON (${data.length} bytes)` : `not valid JSON at position ${pos}`);
      }
    },
  };
}

/** JSON with the default depth limit (64). */
export const jsonCodec: Codec = createJsonCodec();
const jsonByDepth = new Map<number, Codec>([[DEFAULT_MAX_DEPTH, jsonCodec]]);

export const stringCodec: Codec<string> = {
  name: 'string',
  encode: (value) => (value === undefined || value === null ? EMPTY : encoder.encode(String(value))),
  decode: (data) => decoder.decode(data),
};

export const bytesCodec: Codec<Uint8Array> = {
  name: 'bytes',
  encode: (value) => {
    if (value === undefined || value === null) return EMPTY;
    if (value instanceof Uint8Array) return value;
    throw new TypeError(`the bytes codec sends Uint8Array values, got ${typeof value}`);
  },
  decode: (data) => data,
};

export type CodecOption = 'json' | 'string' | 'bytes' | Codec;

/** The codec for a handler's option; `maxDepth` bounds the built-in JSON codec (default 64). */
export function resolveCodec(option: CodecOption | undefined, maxDepth = DEFAULT_MAX_DEPTH): Codec {
  if (option === undefined || option === 'json') {
    let codec = jsonByDepth.get(maxDepth);
    if (codec === undefined) jsonByDepth.set(maxDepth, (codec = createJsonCodec(maxDepth)));
    return codec;
  }
  if (option === 'string') return stringCodec as Codec;
  if (option === 'bytes') return bytesCodec as Codec;
  if (typeof option === 'object' && typeof option.encode === 'function' && typeof option.decode === 'function') return option;
  throw new TypeError(`unknown codec ${String(option)}: use 'json', 'string', 'bytes' or an object with encode/decode`);
}

/** Encodes any value for the wire the way `NatsClient` does when no codec is named. */
export function encodeAuto(value: unknown, codec?: CodecOption): Uint8Array {
  if (codec !== undefined) return resolveCodec(codec).encode(value);
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return encoder.encode(value);
  return jsonCodec.encode(value);
}
