import type { ValidatorOptions } from 'class-validator';

/*
 * The option shapes `@Subject` (and the app) record. They are declared here, below the pipeline
 * that applies them, so the decorators never import the pipeline.
 */

/**
 * Turns values into bytes and back. Handlers pick one by name or pass their own.
 * @example
 * const csv: Codec<string[]> = { name: 'csv', encode: (v) => te.encode(v.join(',')), decode: (b) => td.decode(b).split(',') };
 */
export interface Codec<T = unknown> {
  readonly name: string;
  encode(value: T): Uint8Array;
  /** Throws on malformed input; the pipeline turns that into a 400 reply. */
  decode(data: Uint8Array): T;
}

/**
 * How DTOs are checked: class-validator's options plus class-transformer's conversion switch.
 * Defaults protect a service: `whitelist: true`, `forbidUnknownValues: true`,
 * `enableImplicitConversion: false`.
 */
export interface ValidationOptions extends ValidatorOptions {
  /** Let class-transformer convert types from the declared property types ('1' -> 1). */
  enableImplicitConversion?: boolean;
  /** Turn validation off (the body is still turned into the DTO class). */
  disabled?: boolean;
  /**
   * Deepest nesting of arrays/objects a JSON body may have (default 64); deeper bodies are
   * answered 400 before they are parsed, since a deep value exhausts the stack while it is
   * validated or encoded.
   */
  maxDepth?: number;
  /**
   * Refuse to start (a `ContainerError`) instead of warning when a handler's DTO class has no
   * class-validator rule, or its array payload has no element type (`@Payload([ItemDto])`).
   */
  requireRules?: boolean;
  /**
   * Check DTOs with functions compiled once from their class-validator and class-transformer
   * metadata (default true). The decisions, converted values and error messages are the
   * libraries' own; a DTO using something the compiled path does not mirror (a custom constraint,
   * `@ValidateIf`, `@Transform`, `@Expose`/`@Exclude`, async rules, implicit conversion) is
   * checked by the libraries whatever this says. `false` runs class-transformer and
   * class-validator on every message.
   */
  compiled?: boolean;
}

/**
 * How many messages of one subscription may wait for a free handler slot (beyond `concurrency`).
 * Past either limit, requests are answered 503 at once and events are shed (counted and logged).
 */
export interface BacklogOptions {
  /** Messages waiting, not yet started (default 10,000). `Infinity` lifts the limit. */
  maxMessages?: number;
  /** Payload bytes of the waiting messages (default 64 MiB). `Infinity` lifts the limit. */
  maxBytes?: number;
}
