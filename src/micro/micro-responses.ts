import type { MicroEndpoint } from './micro-endpoints.js';
import type { ResolvedMicro } from './micro-options.js';
import type { EndpointCounters } from './micro-stats.js';

/** The three `$SRV` verbs. */
export type MicroVerb = 'PING' | 'INFO' | 'STATS';

export interface TrackedEndpoint extends MicroEndpoint { readonly counters: EndpointCounters }

const identity = (m: ResolvedMicro, id: string) => ({ name: m.name, id, version: m.version, metadata: m.metadata });

/** `io.nats.micro.v1.ping_response`. */
export function pingResponse(m: ResolvedMicro, id: string): Record<string, unknown> {
  return { type: 'io.nats.micro.v1.ping_response', ...identity(m, id) };
}

/** `io.nats.micro.v1.info_response`; `metadata` holds each endpoint's schemas, if any. */
export function infoResponse(m: ResolvedMicro, id: string, endpoints: readonly TrackedEndpoint[], metadata: ReadonlyArray<Record<string, string>>): Record<string, unknown> {
  return {
    type: 'io.nats.micro.v1.info_response',
    ...identity(m, id),
    description: m.description,
    endpoints: endpoints.map((e, i) => ({ name: e.name, subject: e.subject, queue_group: e.queueGroup, metadata: metadata[i] ?? {} })),
  };
}

/** `io.nats.micro.v1.stats_response`; times in whole nanoseconds, `started` in RFC 3339. */
export function statsResponse(m: ResolvedMicro, id: string, started: Date, endpoints: readonly TrackedEndpoint[]): Record<string, unknown> {
  return {
    type: 'io.nats.micro.v1.stats_response',
    ...identity(m, id),
    started: started.toISOString(),
    endpoints: endpoints.map((e) => {
      const c = e.counters;
      const ns = Math.round(c.processingMs * 1e6);
      return {
        name: e.name,
        subject: e.subject,
        queue_group: e.queueGroup,
        num_requests: c.requests,
        num_errors: c.errors,
        last_error: c.lastError,
        processing_time: ns,
        average_processing_time: c.requests === 0 ? 0 : Math.round(ns / c.requests),
      };
    }),
  };
}
