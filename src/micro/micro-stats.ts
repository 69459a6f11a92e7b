import { toErrorBody } from '../errors/index.js';
import type { PipelineEvent, PipelineListener } from '../pipeline/pipeline-events.js';
import type { HandlerDefinition } from '../scanner/handler-definition.js';

/** Counters of one endpoint, as `$SRV.STATS` reports them. */
export interface EndpointCounters {
  requests: number;
  errors: number;
  /** `<code>:<message>` of the last error reply, '' before the first. */
  lastError: string;
  /** Total time from receipt until the reply was sent, in ms. */
  processingMs: number;
}

/**
 * Endpoint counters kept from the pipeline events: every answered request counts, and an answer
 * with an error code (a thrown error, a validation failure, a refusal by a guard) counts as an
 * error. Events and observe-only handlers are not endpoints and are not counted.
 */
export class MicroStats {
  private readonly byDef = new Map<HandlerDefinition, EndpointCounters>();
  // the failed event comes right before the replied one of the same message: its message is kept for last_error
  private lastFailure = '';

  track(def: HandlerDefinition): EndpointCounters {
    const c: EndpointCounters = { requests: 0, errors: 0, lastError: '', processingMs: 0 };
    this.byDef.set(def, c);
    return c;
  }

  /** Only requests are endpoints' work, so events pay nothing for $SRV (`requestsOnly`). */
  readonly listener: PipelineListener = Object.assign((e: PipelineEvent) => {
    if (e.type === 'failed') {
      if (e.request) this.lastFailure = toErrorBody(e.error).error.message;
      return;
    }
    if (e.type !== 'replied') return;
    const c = this.byDef.get(e.ctx.handler);
    if (c === undefined) return;
    c.requests++;
    c.processingMs += e.durationMs;
    if (e.code !== 200) {
      c.errors++;
      c.lastError = `${e.code}:${this.lastFailure}`;
    }
  }, { requestsOnly: true });
}
