import type { Logger } from '../logging/logger.js';
import type { MessageContext } from './message-context.js';

interface PipelineEventBase {
  readonly ctx: MessageContext;
  /** `Controller.method`. */
  readonly handler: string;
  readonly subject: string;
  /** True when the message has a reply subject (a request), false for an event. */
  readonly request: boolean;
}

/**
 * One step of one message through the pipeline; `$SRV` stats, metrics and tracing all read these.
 * Durations are milliseconds since the message was received (a monotonic clock: `performance.now()`).
 * - `received`: the message starts running (after any wait in the backlog).
 * - `handled`: the handler succeeded and its result was settled.
 * - `failed`: decoding, validation, a guard, the handler or sending its result failed; `code` is
 *   the answer's code after exception filters.
 * - `replied`: an answer went out; `code` is 200 for a result, else the error code.
 */
export type PipelineEvent =
  | (PipelineEventBase & { readonly type: 'received' })
  | (PipelineEventBase & { readonly type: 'handled'; readonly durationMs: number })
  | (PipelineEventBase & { readonly type: 'failed'; readonly durationMs: number; readonly code: number; readonly error: unknown })
  | (PipelineEventBase & { readonly type: 'replied'; readonly durationMs: number; readonly code: number });

/**
 * Called synchronously on the message's path: keep it cheap, hand heavy work off. A listener
 * marked `requestsOnly` (its function object has `requestsOnly = true`) is told only about
 * messages with a reply subject; when every listener is so marked, events pay nothing.
 */
export type PipelineListener = ((event: PipelineEvent) => void) & { requestsOnly?: boolean };

/**
 * Multi-provided: every provider of this token (a `PipelineListener`, or an array of them) is
 * called for every pipeline event. For capability modules; an app can call `app.onPipelineEvent`.
 */
export const PIPELINE_LISTENERS = Symbol('panini:pipeline-listeners');

/**
 * One function calling every listener, or undefined when there are none: decided once, so a
 * runner nobody listens to does no work for events. A listener that throws is logged, once per
 * listener, and never breaks the message.
 */
export function fanOut(listeners: readonly PipelineListener[], log: Logger): PipelineListener | undefined {
  if (listeners.length === 0) return undefined;
  const list = [...listeners];
  const told = new Set<PipelineListener>();
  const requestsOnly = list.every((l) => l.requestsOnly === true);
  const all: PipelineListener = (event) => {
    for (const listener of list) {
      if (listener.requestsOnly === true && !event.request) continue;
      try {
        listener(event);
      } catch (err) {
        if (told.has(listener)) continue;
        told.add(listener);
        log.error(`a pipeline event listener threw on '${event.type}'; later errors of this listener are not logged`, err as Error);
      }
    }
  };
  if (requestsOnly) all.requestsOnly = true;
  return all;
}
