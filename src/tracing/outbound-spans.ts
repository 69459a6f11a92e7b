import { context, propagation, SpanKind, trace, type Tracer } from '@opentelemetry/api';
import type { OutboundMessage, OutboundMiddlewareFn } from '../index.js';
import { RemoteError } from '../index.js';
import { headerSetter } from './nats-carrier.js';
import { markFailed } from './message-spans.js';
import { ATTR, isInbox, NATS } from './semconv.js';

/**
 * Outbound middleware of `NatsClient`: a PRODUCER `send` span per publish, a CLIENT span per
 * request (ended when the reply arrives), each a child of the active span; the span's
 * `traceparent` (and `tracestate`, `baggage`) go out in the message's headers.
 */
export function outboundSpans(tracer: Tracer): OutboundMiddlewareFn {
  return async (msg: OutboundMessage, next) => {
    const request = msg.kind === 'request';
    const span = tracer.startSpan(`send ${msg.subject}`, {
      kind: request ? SpanKind.CLIENT : SpanKind.PRODUCER,
      attributes: {
        [ATTR.system]: NATS,
        [ATTR.operationName]: 'send',
        [ATTR.operationType]: 'send',
        [ATTR.destination]: msg.subject,
        ...(bodySize(msg.data) === undefined ? {} : { [ATTR.bodySize]: bodySize(msg.data) }),
        ...(isInbox(msg.subject) ? { [ATTR.temporary]: true } : {}),
      },
    });
    const ctx = trace.setSpan(context.active(), span);
    propagation.inject(ctx, msg.headers, headerSetter);
    try {
      return await context.with(ctx, next);
    } catch (err) {
      // the remote's answer code, else the kind of failure (RequestTimeoutError, NoRespondersError)
      markFailed(span, RemoteError.is(err) ? err.code : err instanceof Error ? err.name : 'Error', err);
      throw err;
    } finally {
      span.end();
    }
  };
}

/** Bytes of a body known before encoding (strings and bytes); objects are encoded later, so left out. */
function bodySize(data: unknown): number | undefined {
  if (data instanceof Uint8Array) return data.length;
  if (typeof data === 'string') return Buffer.byteLength(data);
  return undefined;
}
