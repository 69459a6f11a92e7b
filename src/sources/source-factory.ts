import type { ResolvedOptions } from '../app-options.js';
import type { AppStatus } from '../app-status.js';
import type { Logger } from '../logging/logger.js';
import type { Codec } from '../pipeline/codec.js';
import type { HandlerRunner } from '../pipeline/handler-runner.js';
import type { HandlerStats } from '../pipeline/handler-stats.js';
import type { OutcomePolicy } from '../pipeline/outcome.js';
import type { HandlerDefinition } from '../scanner/handler-definition.js';
import type { InboundMessage, Transport } from '../transport/transport.js';
import type { MessageContext } from '../pipeline/message-context.js';
import type { MessageSource } from './message-source.js';

/** The handler kind of `@Subject` handlers (a definition without `source`). */
export const CORE_SOURCE = 'core';

/** What a policy is built from: the handler's own codec, logger and counters. */
export interface PolicyParts { def: HandlerDefinition; codec: Codec; log: Logger; stats: HandlerStats }

/** What the app hands a source factory at start. */
export interface SourceContext {
  /** The handlers of this factory's kind, in scan order. */
  readonly handlers: readonly HandlerDefinition[];
  readonly transport: Transport;
  readonly logger: Logger;
  readonly options: ResolvedOptions;
  readonly status: AppStatus;
  /**
   * Builds the runner of one handler: the shared pipeline with the app's global and the
   * handler's extensions, its counters (listed in `app.stats()`) and the pipeline events, with
   * the policy the source chose. `queue` is shown in the stats (false: no queue group);
   * `concurrency` overrides the handler's option; `context` makes each message's context (a
   * `MessageContext` subclass) when the source's messages carry more than a core message.
   * @throws RangeError when the handler's concurrency is not a whole number >= 1.
   */
  runner(def: HandlerDefinition, how: {
    queue: string | false;
    policy: (parts: PolicyParts) => OutcomePolicy;
    concurrency?: number;
    context?: (msg: InboundMessage, def: HandlerDefinition, service: string) => MessageContext;
  }): HandlerRunner;
}

/**
 * Makes the source of one handler kind. Provide it under `MESSAGE_SOURCES` from a capability
 * module; the app creates every registered source at start, in registration order.
 * @example
 * { provide: MESSAGE_SOURCES, useValue: { kind: 'jetstream', create: (ctx) => new JetStreamSource(ctx) } }
 */
export interface SourceFactory {
  readonly kind: string;
  create(ctx: SourceContext): MessageSource;
}

/** Multi-provided: every provider of this token (a `SourceFactory`, or an array of them) is collected at start. */
export const MESSAGE_SOURCES = Symbol('panini:message-sources');
