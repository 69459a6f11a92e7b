import { brandFor, hasBrand, setBrand } from '../../internal.js';

const BRAND = brandFor('KvError');

/**
 * What went wrong with a key-value bucket or an object store; `kind` lets callers branch:
 * - `conflict`: a write expected a revision (`update`, `create`, `delete` with `revision`) and the
 *   key is at another one; `key` and `expected` say which. Read the key again and retry.
 * - `invalid-value`: a stored value could not be decoded or did not pass its DTO's rules;
 *   `key` names the entry, `cause` holds the codec's or validator's error.
 * - `declaration`: a declared bucket or object store differs from the server's in a field the
 *   server cannot change (`field`), or the server refused the change.
 * - `missing`: a bucket or object store declared with `declare: false` does not exist.
 * - `invalid-key`: a key (or key filter) KV does not allow (empty, a leading or trailing '.', or
 *   characters outside `A-Z a-z 0-9 - _ / = .`, plus `*` and `>` in filters).
 * - `corrupt-object`: an object's chunks do not match its SHA-256 digest, or chunks are missing.
 */
export type KvErrorKind = 'conflict' | 'invalid-value' | 'declaration' | 'missing' | 'invalid-key' | 'corrupt-object';

export interface KvErrorDetails {
  /** The bucket (or object store) concerned. */
  bucket?: string;
  key?: string;
  /** For `conflict`: the revision the write expected (0: that the key did not exist). */
  expected?: number;
  /** For `declaration`: the declared field that cannot be applied. */
  field?: string;
}

/** One error class for buckets and object stores, recognised across installed copies by `KvError.is()`. */
export class KvError extends Error {
  static {
    setBrand(this, BRAND);
  }

  /** True for a KvError from any installed copy of Panini, optionally of one kind. */
  static is(value: unknown, kind?: KvErrorKind): value is KvError {
    return hasBrand(value, BRAND) && (kind === undefined || (value as KvError).kind === kind);
  }

  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly expected: number | undefined;
  readonly field: string | undefined;

  constructor(readonly kind: KvErrorKind, message: string, details: KvErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KvError';
    this.bucket = details.bucket;
    this.key = details.key;
    this.expected = details.expected;
    this.field = details.field;
  }
}

/** JetStream answers a write whose expected last subject sequence is stale with error code 10071. */
export function isWrongLastSequence(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return e?.code === 10071 || /wrong last sequence/i.test(typeof e?.message === 'string' ? e.message : '');
}
