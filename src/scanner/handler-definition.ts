import type { SubjectOptions } from '../metadata/subject.decorator.js';
import type { ParamMetadata } from '../metadata/param.decorators.js';
import type { Type } from '../metadata/types.js';
import type { SubjectPattern } from './subject-pattern.js';

/** A parameter with the type TypeScript emitted for it (or the explicit one given). */
export interface ParamDefinition extends ParamMetadata { designType: unknown }

/** Everything Panini knows about one `@Subject` of one method, as plain data. */
export interface HandlerDefinition {
  readonly controller: Type;
  readonly method: string;
  /** `Controller.method`, for logs and errors. */
  readonly name: string;
  /** The pattern as written, prefix included (`orders.{id}.shipped`). */
  readonly pattern: string;
  readonly subject: string;
  readonly tokens: SubjectPattern['tokens'];
  readonly options: SubjectOptions;
  /** The kind of message source that serves it (see `MESSAGE_SOURCES`); absent for core `@Subject` handlers. */
  readonly source?: string;
  /** What the source's decorator said about the handler (plain data, e.g. a JetStream consumer's stream and durable), for documents. */
  readonly sourceDetails?: Readonly<Record<string, unknown>>;
  /** Controller-level default queue group. */
  readonly controllerQueue?: string | false;
  /** Controller-level AsyncAPI tags and description (`@Controller(prefix, { tags, description })`). */
  readonly controllerDoc?: { readonly tags?: string[]; readonly description?: string };
  /** Explicit parameter decorators; empty means the handler gets `(payload, ctx)`. */
  readonly params: ParamDefinition[];
  /**
   * Every parameter type TypeScript emitted for the method (`design:paramtypes`), or undefined
   * when the code was compiled without decorator metadata. Read once here, so nothing after the
   * scanner touches Reflect.
   */
  readonly paramTypes: readonly unknown[] | undefined;
  /** The emitted return type (`design:returntype`; `Promise` for an async method), or undefined when not emitted. */
  readonly returnType: unknown;
  readonly extensions: {
    middleware: unknown[];
    guards: unknown[];
    interceptors: unknown[];
    filters: unknown[];
  };
}
