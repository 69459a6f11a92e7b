import { compileValidator, resolveCodec, toPlain, type CodecOption } from '../../internal.js';
import type { Codec, Type, ValidationOptions } from '../../index.js';
import { KvError } from './kv.errors.js';

/**
 * How a bucket's values are written and read.
 * - `codec`: 'json' (default), 'string', 'bytes' or a `Codec`;
 * - `type`: a DTO class; every value read is decoded with the codec, turned into an instance and
 *   validated with its class-validator rules, so a stored value that no longer fits is a
 *   `KvError` of kind `invalid-value` naming the key, never a malformed object in your code.
 */
export interface KvValueOptions<T = unknown> {
  codec?: 'json' | 'string' | 'bytes' | Codec;
  type?: Type<T>;
  /** Validation options for `type` (as for handlers). */
  validation?: ValidationOptions;
}

/** Encodes and decodes one bucket's values; `read` throws KvError `invalid-value` naming the key. */
export interface ValueCodec<T> {
  write(value: T): Uint8Array;
  read(bucket: string, key: string, data: Uint8Array): Promise<T>;
}

export function valueCodec<T>(options: KvValueOptions<T> = {}): ValueCodec<T> {
  const codec = resolveCodec(options.codec as CodecOption | undefined);
  const validate = options.type ? compileValidator(options.type, options.validation ?? {}, 'value') : undefined;
  return {
    write: (value) => codec.encode(toPlain(value)),
    async read(bucket, key, data) {
      try {
        const decoded = codec.decode(data);
        return (validate ? await validate(decoded) : decoded) as T;
      } catch (err) {
        throw new KvError('invalid-value', `the value of key '${key}' in KV bucket '${bucket}' cannot be read: ${(err as Error).message}`, { bucket, key }, { cause: err });
      }
    },
  };
}
