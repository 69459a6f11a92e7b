import { getOwn, metaKey, set } from './reflect.js';
import type { Type } from './types.js';

/** What `@Publishes` records: a message the service sends, for its AsyncAPI document. */
export interface PublicationOptions {
  /** One line for the AsyncAPI `send` operation. */
  summary?: string;
  description?: string;
  tags?: string[];
  /** Example payloads. */
  examples?: unknown[];
  /**
   * The subject the receiver answers to (the NATS reply subject the message carries), when the
   * service sends a request whose answer arrives on one of its own subjects.
   */
  replyTo?: string;
  /** The class of that answer, when known. */
  reply?: Type | [Type];
}

export interface PublicationDefinition extends PublicationOptions {
  readonly subject: string;
  /** The payload class, `[Class]` for an array, or undefined for a message without a declared body. */
  readonly payload: Type | [Type] | undefined;
}

const PUBLICATIONS = metaKey<PublicationDefinition[]>('publications');

/**
 * Declares a message the controller (or one of its handlers) publishes, so the AsyncAPI document
 * shows what the service sends as well as what it receives. It only documents: publishing is
 * still `NatsClient.publish`. Named tokens in the subject become channel parameters.
 * @example
 * @Publishes('events.orders.{id}.cancelled', OrderCancelledDto, { summary: 'An order was cancelled' })
 * @Subject('{id}.cancel')
 * cancel(@Param('id') id: string) { ... }
 */
export function Publishes(subject: string, payload?: Type | [Type], options: PublicationOptions = {}): ClassDecorator & MethodDecorator {
  return ((target: object, key?: string | symbol) => {
    const holder = key === undefined ? target : target.constructor;
    const own = getOwn(PUBLICATIONS, holder) ?? [];
    set(PUBLICATIONS, [...own, { ...options, subject, payload }], holder);
  }) as ClassDecorator & MethodDecorator;
}

/** Every publication declared on a class or its methods, in declaration order. */
export function publicationsOf(cls: Type): PublicationDefinition[] {
  return getOwn(PUBLICATIONS, cls) ?? [];
}
