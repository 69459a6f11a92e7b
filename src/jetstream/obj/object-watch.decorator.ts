import { Subject, type Codec, type SubjectOptions } from '../../index.js';
import { HandlerSource, MalformedPayloadError } from '../../internal.js';
import type { ObjectMeta } from './object-bucket.js';

/** The handler kind of `@ObjectWatch` handlers (their `MessageSource`). */
export const OBJECT_WATCH_SOURCE = 'object-watch';

/** What happened to an object: stored (complete), or deleted. */
export type ObjectOperation = 'put' | 'delete';

const OPERATIONS: readonly ObjectOperation[] = ['put', 'delete'];
const STORE_NAME = /^[-\w]+$/;

export interface ObjectWatchOptions extends Pick<SubjectOptions, 'backlog'> {
  /**
   * true: the handler first gets every object the store holds (as `put` changes, oldest first;
   * deleted objects skipped), then every change. Default false: changes from start-up on.
   */
  initial?: boolean;
  /** Which changes the handler gets (default both). */
  operations?: ObjectOperation[];
  /**
   * Changes handled at once (default 1, so changes are handled in revision order). The watch
   * reads no further while this many are running, so nothing piles up in memory.
   */
  concurrency?: number;
}

/** What `@ObjectWatch` records in the handler's options, read by the watch source. */
export interface ObjectWatchSpec { store: string; initial: boolean; operations: readonly ObjectOperation[] }

/** The spec of an `@ObjectWatch` handler's definition. */
export function objectWatchSpecOf(options: SubjectOptions): ObjectWatchSpec {
  return (options as { objectWatch: ObjectWatchSpec }).objectWatch;
}

/** The subject an object store's metadata entries are written on: what the watch reads. */
export const objectMetaSubjects = (store: string): string => `$O.${store}.M.>`;

/**
 * Calls the method with every change of the objects of `store`, through the same pipeline as a
 * `@Subject` handler (middleware, guards, interceptors, filters, the log scope): `@Payload()` is
 * the object's `ObjectMeta` (for a delete: size 0, `modified` the time of the delete), `@Ctx()` the
 * context (`objectChangeOf(ctx)` gives store, name, revision, operation and initial). A put is
 * seen once the object is complete. The content is not read: get it from the store's
 * `ObjectBucket` (`@InjectObjectStore(store)`) if you need it, as a stream. A handler's error is
 * logged with the object's name and revision and counted (`failedEvents`); the change is not
 * delivered again. The watch resumes after the last revision it handed over when it is reopened,
 * so no change is missed or seen twice.
 * @throws TypeError (when decorating) for a store name outside letters, digits, '-', '_', an
 *   empty or unknown `operations`, or a `concurrency` that is not a whole number >= 1.
 * @example
 * @ObjectWatch('invoices', { operations: ['put'] })
 * async stored(@Payload() meta: ObjectMeta) { const found = await this.invoices.get(meta.name); ... }
 */
export function ObjectWatch(store: string, options: ObjectWatchOptions = {}): MethodDecorator {
  const { initial = false, operations = [...OPERATIONS], concurrency = 1, ...rest } = options;
  if (typeof store !== 'string' || !STORE_NAME.test(store)) throw new TypeError(`@ObjectWatch(store): '${String(store)}' is not an object store name (letters, digits, '-', '_')`);
  if (!Array.isArray(operations) || operations.length === 0 || operations.some((o) => !OPERATIONS.includes(o))) {
    throw new TypeError(`@ObjectWatch('${store}'): operations must list 'put', 'delete' or both, got ${JSON.stringify(operations)}`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`@ObjectWatch('${store}'): concurrency must be a whole number >= 1, got ${String(concurrency)}`);
  const objectWatch: ObjectWatchSpec = { store, initial, operations: [...new Set(operations)] };
  const subject: SubjectOptions & { objectWatch: ObjectWatchSpec } = { ...rest, codec: objectMetaCodec, concurrency, queue: false, reply: false, objectWatch };
  return (target, method, descriptor) => {
    Subject(objectMetaSubjects(store), subject)(target, method, descriptor);
    HandlerSource(OBJECT_WATCH_SOURCE, { store, operations: objectWatch.operations, initial, concurrency }, { prefixed: false })(target, method, descriptor);
  };
}

const te = new TextEncoder();
const td = new TextDecoder();

/** What the watcher hands the pipeline for one change: the metadata, or why its entry cannot be read. */
export type ObjectChangeBody = { meta: ObjectMeta } | { unreadable: string };

/** Encodes a change for the pipeline (the watcher's side of `objectMetaCodec`). */
export const encodeChange = (body: ObjectChangeBody): Uint8Array => te.encode(JSON.stringify(body));

/**
 * The codec of `@ObjectWatch` handlers: reads what the watcher encoded (never bytes from the
 * wire), so the payload is the `ObjectMeta` with its `modified` a `Date`; an entry that could not
 * be read fails as a 400 that says why.
 */
const objectMetaCodec: Codec<ObjectMeta> = {
  name: 'object-meta',
  encode: (meta) => te.encode(JSON.stringify(meta)),
  decode: (data) => {
    const body = JSON.parse(td.decode(data)) as { meta?: ObjectMeta & { modified: string }; unreadable?: string };
    if (body.meta === undefined) throw new MalformedPayloadError(`the object cannot be read: ${body.unreadable ?? 'no metadata'}`);
    return { ...body.meta, modified: new Date(body.meta.modified) };
  },
};
