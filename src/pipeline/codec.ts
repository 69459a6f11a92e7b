/**
 * Turns values into bytes and back. Handlers pick one by name or pass their own.
 * @example
 * const csv: Codec<string[]> = { name: 'csv', encode: (v) => te.encode(v.join(',')), decode: (b) => td.decode(b).split(',') };
 */
export interface Codec<T = unknown> {
  readonly name: string;
  encode(value: T): Uint8Array;
  /** Throws on malformed input; the pipeline turns that into a 400 reply. */
  decode(data: Uint8Array): T;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

export const jsonCodec: Codec = {
  name: 'json',
  encode: (value) => (value === undefined ? EMPTY : encoder.encode(JSON.stringify(value))),
  decode: (data) => (data.length === 0 ? undefined : JSON.parse(decoder.decode(data))),
};

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

export function resolveCodec(option: CodecOption | undefined): Codec {
  if (option === undefined || option === 'json') return jsonCodec;
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
