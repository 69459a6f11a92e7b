import { Subject, type SubjectOptions } from '../../index.js';
import { HandlerSource } from '../../internal.js';
import type { KvOperation } from './kv-bucket.js';

/** The handler kind of `@KvWatch` handlers (their `MessageSource`). */
export const KV_WATCH_SOURCE = 'kv-watch';

export interface KvWatchOptions extends Pick<SubjectOptions, 'codec' | 'validation' | 'backlog'> {
  /**
   * true: the handler first gets the current value of every matching key (as `put` changes,
   * oldest first; deleted keys skipped unless `operations` asks for deletes), then every change.
   * Default false: changes from start-up on.
   */
  initial?: boolean;
  /** Which changes the handler gets (default all three). A DTO-typed payload suits `['put']`: deletes carry no value. */
  operations?: KvOperation[];
  /**
   * Changes handled at once (default 1, so a key's changes are handled in revision order). The
   * watch reads no further while this many are running, so nothing piles up in memory.
   */
  concurrency?: number;
}

/** What `@KvWatch` records in the handler's options, read by the watch source. */
export interface KvWatchSpec { bucket: string; key: string; initial: boolean; operations: readonly KvOperation[] }

/** The spec of a `@KvWatch` handler's definition. */
export function kvWatchSpecOf(options: SubjectOptions): KvWatchSpec {
  return (options as { kvWatch: KvWatchSpec }).kvWatch;
}

/**
 * Calls the method with every change of the keys of `bucket` matching `key` (subject wildcards
 * `*` and `>`, and `{name}` tokens read with `@Param('name')`), through the same pipeline as a
 * `@Subject` handler: `@Payload()` is the value (decoded by the codec, validated when typed with a
 * DTO; undefined for a delete or purge), `@Ctx()` the context (`kvChangeOf(ctx)` gives key,
 * revision and operation; the subject is the key). A handler's error is logged and counted;
 * the change is not delivered again. The watch survives broker restarts and resumes after the
 * last revision it handed over, so no change is missed or seen twice. The controller's prefix
 * does not apply: `key` is the bucket's key.
 * @example
 * @KvWatch('carts', 'cart.{id}', { initial: true })
 * onCart(@Param('id') id: string, @Payload() cart: Cart | undefined, @Ctx() ctx: MessageContext) {}
 */
export function KvWatch(bucket: string, key = '>', options: KvWatchOptions = {}): MethodDecorator {
  const { initial = false, operations = ['put', 'delete', 'purge'], concurrency = 1, ...rest } = options;
  const kvWatch: KvWatchSpec = { bucket, key, initial, operations };
  const subject: SubjectOptions & { kvWatch: KvWatchSpec } = { ...rest, concurrency, queue: false, reply: false, kvWatch };
  return (target, method, descriptor) => {
    Subject(key, subject)(target, method, descriptor);
    HandlerSource(KV_WATCH_SOURCE, undefined, { prefixed: false })(target, method, descriptor);
  };
}
