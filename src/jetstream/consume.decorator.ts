import { Subject, type Codec, type ValidationOptions } from '../index.js';
import { get, HandlerSource, metaKey, set, type HandlerDefinition } from '../internal.js';
import type { DeliverPolicy } from './backend.js';

/** The handler kind of `@Consume` handlers. */
export const JETSTREAM_SOURCE = 'jetstream';

export interface ConsumeOptions {
  /**
   * The durable consumer's name: instances of the service sharing it split the messages.
   * Required unless `ordered`.
   */
  readonly durable?: string;
  /**
   * Only messages on this subject; `{name}` tokens are `*` wildcards that `@Param('name')`
   * reads. Default: every subject of the stream. The controller's prefix applies, as for `@Subject`.
   */
  readonly filterSubject?: string;
  /**
   * An ordered consumer instead of a durable one: every message once, in stream order, no
   * acknowledgement (at most once), recreated after a gap. For replay and read models.
   */
  readonly ordered?: boolean;
  /** Where a new consumer (or an ordered one) starts. Default `'all'`. */
  readonly deliverPolicy?: DeliverPolicy;
  readonly optStartSeq?: number;
  /**
   * Messages of this handler unacknowledged at once on this instance; Panini pulls no more
   * than that, so nothing waits in a local buffer while its ack wait runs. Default 64 (the
   * module's `defaults.concurrency`); always 1 for an ordered consumer.
   */
  readonly concurrency?: number;
  /** ms a delivered message may go unacknowledged; while the handler runs Panini sends in-progress every half of it. Default 30000. */
  readonly ackWait?: number;
  /** Attempts before a failing message is terminated and dead-lettered. Default 5; -1: never given up. */
  readonly maxDeliver?: number;
  /** Delays before the next attempt after a failure, ms, the last repeating. Default [1000, 5000, 30000]. */
  readonly backoff?: readonly number[];
  /** `'after'` (default): ack when the handler succeeded; `'first'`: ack before it runs (at most once). */
  readonly ack?: 'after' | 'first';
  /** Passed to the server-side consumer (default 1000). */
  readonly maxAckPending?: number;
  /** `false`: the consumer is managed elsewhere; start-up checks it exists. Default true. */
  readonly declare?: boolean;
  readonly codec?: 'json' | 'string' | 'bytes' | Codec;
  readonly validation?: ValidationOptions;
}

export interface ConsumeDefinition { readonly stream: string; readonly options: ConsumeOptions }

const CONSUME = metaKey<ConsumeDefinition>('jetstream-consume');

/**
 * Handles the messages of a JetStream stream through a durable pull consumer (or an ordered
 * one), with the same parameter decorators, DTO validation and extensions as `@Subject`. A
 * success acks the message; a thrown error naks it with a delay from `backoff`; a decode or
 * validation failure (4xx) terminates it and sends it to the dead letters at once; after
 * `maxDeliver` attempts it is terminated and dead-lettered. `@Ctx()` gives a `JetStreamContext`.
 * @throws Error (when decorating) for a second `@Consume` on one method, or a durable consumer without `durable`.
 * @example
 * @Consume('ORDERS', { durable: 'inventory', filterSubject: 'orders.{id}.created', backoff: [1000, 5000] })
 * reserve(@Param('id') id: string, @Payload() order: OrderCreated, @Ctx() ctx: JetStreamContext) { ... }
 */
export function Consume(stream: string, options: ConsumeOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const where = `${(target as { constructor: { name: string } }).constructor.name}.${String(key)}`;
    if (get(CONSUME, target, String(key)) !== undefined) throw new Error(`${where} has two @Consume decorators: a method consumes one consumer`);
    if (!options.ordered && !options.durable) throw new Error(`${where}: @Consume('${stream}') needs a durable name ({ durable: '...' }), or ordered: true`);
    set(CONSUME, { stream, options }, target, String(key));
    Subject(options.filterSubject ?? '>', {
      queue: false,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.codec !== undefined ? { codec: options.codec } : {}),
      ...(options.validation !== undefined ? { validation: options.validation } : {}),
    })(target, key, descriptor);
    HandlerSource(JETSTREAM_SOURCE, consumeDetails(stream, options))(target, key, descriptor);
  };
}

/** The consumer as documents show it (the AsyncAPI document's `x-panini-jetstream`): only what was declared. */
function consumeDetails(stream: string, o: ConsumeOptions): Record<string, unknown> {
  const details: Record<string, unknown> = { stream };
  for (const key of ['durable', 'ordered', 'filterSubject', 'ack', 'concurrency', 'ackWait', 'maxDeliver', 'backoff'] as const) {
    const value = (o as Record<string, unknown>)[key];
    if (value !== undefined) details[key] = value;
  }
  return details;
}

/** The `@Consume` of a scanned handler. */
export function consumeOf(def: HandlerDefinition): ConsumeDefinition {
  return get(CONSUME, def.controller.prototype as object, def.method)!;
}
