import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

type Next = (err?: unknown) => void;
/** The Express middleware shape, named without importing Express (the HTTP entry owns it). */
export type HttpMiddleware = (req: IncomingMessage & { route?: { path?: string } }, res: ServerResponse, next: Next) => void;

/**
 * Continues a trace that arrives on an HTTP request: a SERVER span whose parent is the request's
 * `traceparent`, and the route runs inside it, so the NATS messages it sends are its children.
 * When an HTTP instrumentation already made a span, the route runs in that one instead.
 */
export function httpSpans(tracer: Tracer): HttpMiddleware {
  return (req, res, next) => {
    if (trace.getSpan(context.active()) !== undefined) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const span = tracer.startSpan(method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'url.path': path },
    }, parent);
    res.once('close', () => {
      // the route template is known only once Express matched it
      const route = req.route?.path;
      if (typeof route === 'string') {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
