import { get, metaKey, push } from './reflect.js';
import type { Type } from './types.js';
import type { BacklogOptions, Codec, ValidationOptions } from './subject-option.types.js';

export interface SubjectOptions {
  /**
   * Queue group. Default: the service name, so N instances share the load and each message is
   * handled once; a handler whose subject overlaps another handler's of the service gets
   * `<service>.<Controller>.<method>` instead, so each of them sees every message once. A string
   * picks another group; `false` makes every instance get every message.
   */
  queue?: string | false;
  /** How many messages of this subscription are handled at once (default 64; 1 keeps order). */
  concurrency?: number;
  /** How the body is decoded and the reply encoded: 'json' (default), 'string', 'bytes' or a Codec. */
  codec?: 'json' | 'string' | 'bytes' | Codec;
  /**
   * Limits on this handler's messages waiting for a free slot, over the app's `backlog`
   * (default 10,000 messages, 64 MiB). Past them requests get 503 and events are shed.
   */
  backlog?: BacklogOptions;
  /** Validation options for this handler, merged over the app's. */
  validation?: ValidationOptions;
  /** Events that fail validation or decoding are re-published here with their error. */
  invalidTo?: string;
  /** class-transformer groups applied when a returned class instance is turned into JSON. */
  serializeGroups?: string[];
  /**
   * `false` makes the handler observe-only: it never answers, even a request, so an audit or
   * metrics listener on a request subject does not race the real responder. Its errors are
   * logged and counted like an event's. Default true.
   */
  reply?: boolean;
  /**
   * The name of this handler's endpoint in the `$SRV` service API (letters, digits, '_', '-').
   * Default: controller without `Controller`, then the method, kebab-case (`orders-create`).
   */
  endpoint?: string;
  /** One line for the AsyncAPI operation of this handler. */
  summary?: string;
  /** Longer text (CommonMark) for the AsyncAPI operation. */
  description?: string;
  /** AsyncAPI tags of the operation, added to the controller's. */
  tags?: string[];
  /** Example payloads of the request (or event), shown in the AsyncAPI message. */
  examples?: unknown[];
  /**
   * The class of the reply, for the AsyncAPI document and typed clients, where TypeScript's
   * emitted return type says nothing (an async method emits `Promise`). `[Class]` for an array.
   */
  returns?: Type | [Type];
}

export interface SubjectDefinition { pattern: string; options: SubjectOptions }

export const SUBJECTS = metaKey<SubjectDefinition[]>('subjects');
/** The list of methods of a class that carry `@Subject` (kept on the prototype). */
export const SUBJECT_METHODS = metaKey<string[]>('subject-methods');

/**
 * Binds a controller method to a NATS subject. Wildcards `*` and `>` work, and `{name}` is a
 * `*` whose value `@Param('name')` gives. A method may carry several `@Subject`s.
 * @example
 * @Subject('orders.{id}.shipped', { queue: false })
 * shipped(@Param('id') id: string, @Payload() body: Shipment) { ... }
 */
export function Subject(pattern: string, options: SubjectOptions = {}): MethodDecorator {
  return (target, key) => {
    const name = String(key);
    if (!(get(SUBJECTS, target, name) ?? []).length) push(SUBJECT_METHODS, name, target);
    push(SUBJECTS, { pattern, options }, target, name);
  };
}

export function subjectMethods(cls: Type): string[] {
  return get(SUBJECT_METHODS, cls.prototype as object) ?? [];
}

export function subjectsOf(cls: Type, method: string): SubjectDefinition[] {
  return get(SUBJECTS, cls.prototype as object, method) ?? [];
}
