import { get, metaKey, set } from './reflect.js';
import type { Type } from './types.js';

const HANDLER_SOURCE = metaKey<string>('handler-source');
const SOURCE_DETAILS = metaKey<Readonly<Record<string, unknown>>>('handler-source-details');
const SOURCE_UNPREFIXED = metaKey<boolean>('handler-source-unprefixed');

/** How a source reads its handlers' subjects. */
export interface HandlerSourceOptions {
  /**
   * false: the subject is the source's own name space (a KV bucket's keys, an object store's
   * metadata subjects), which the controller's prefix does not apply to. Default true.
   */
  readonly prefixed?: boolean;
}

/**
 * Marks a method's handlers as served by the message source of `kind` instead of core NATS
 * subscriptions. For capability decorators (a JetStream consumer decorator applies it next to
 * the subject); the app fails start-up when no imported module registers a source of that kind.
 * @example
 * export const Consume = (subject: string): MethodDecorator => (t, k, d) => { Subject(subject)(t, k, d); HandlerSource('jetstream')(t, k, d); };
 */
export function HandlerSource(kind: string, details?: Readonly<Record<string, unknown>>, options: HandlerSourceOptions = {}): MethodDecorator {
  return (target, key) => {
    set(HANDLER_SOURCE, kind, target, key);
    if (details !== undefined) set(SOURCE_DETAILS, details, target, key);
    if (options.prefixed === false) set(SOURCE_UNPREFIXED, true, target, key);
  };
}

/** Whether the controller's prefix stays off the method's subjects (`HandlerSource(kind, details, { prefixed: false })`). */
export function handlerSourceUnprefixed(cls: Type, method: string): boolean {
  return get(SOURCE_UNPREFIXED, cls.prototype as object, method) === true;
}

/**
 * What `HandlerSource` was told about the handler, as plain JSON-able data (a JetStream consumer's
 * stream and durable name): documents show it (the AsyncAPI document as `x-panini-<kind>`).
 */
export function handlerSourceDetailsOf(cls: Type, method: string): Readonly<Record<string, unknown>> | undefined {
  return get(SOURCE_DETAILS, cls.prototype as object, method);
}

/** The kind set by `HandlerSource`, or undefined for a core handler. */
export function handlerSourceOf(cls: Type, method: string): string | undefined {
  return get(HANDLER_SOURCE, cls.prototype as object, method);
}
