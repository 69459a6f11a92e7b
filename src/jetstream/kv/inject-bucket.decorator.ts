import { Inject } from '../../index.js';

/**
 * The token of the `KvBucket` handle of bucket `name` (`Symbol.for`, so two installed copies of
 * Panini agree on it). Inject it with `@Inject(kvBucketToken('carts'))` or `@InjectBucket('carts')`.
 */
export function kvBucketToken(name: string): symbol {
  return Symbol.for(`@panini/core/kv-bucket/${name}`);
}

/**
 * Injects the typed handle of a bucket declared in `JetStreamModule.forRoot({ buckets })`.
 * @example
 * constructor(@InjectBucket('carts') private readonly carts: KvBucket<Cart>) {}
 */
export function InjectBucket(name: string): ParameterDecorator {
  if (typeof name !== 'string' || name === '') throw new TypeError('@InjectBucket(name) needs the name of a declared bucket');
  return Inject(kvBucketToken(name));
}
