import { get, metaKey, set } from './reflect.js';
import type { Type } from './types.js';

const HANDLER_SOURCE = metaKey<string>('handler-source');

/**
 * Marks a method's handlers as served by the message source of `kind` instead of core NATS
 * subscriptions. For capability decorators (a JetStream consumer decorator applies it next to
 * the subject); the app fails start-up when no imported module registers a source of that kind.
 * @example
 * export const Consume = (subject: string): MethodDecorator => (t, k, d) => { Subject(subject)(t, k, d); HandlerSource('jetstream')(t, k, d); };
 */
export function HandlerSource(kind: string): MethodDecorator {
  return (target, key) => set(HANDLER_SOURCE, kind, target, key);
}

/** The kind set by `HandlerSource`, or undefined for a core handler. */
export function handlerSourceOf(cls: Type, method: string): string | undefined {
  return get(HANDLER_SOURCE, cls.prototype as object, method);
}
