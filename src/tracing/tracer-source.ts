import { context, isSpanContextValid, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import type { TracingOptions } from './tracing-options.js';

/**
 * The tracer to use, or undefined when no provider is registered: then the module adds no
 * listener, middleware or hook, and messages run exactly as without it.
 */
export function resolveTracer(options: TracingOptions): Tracer | undefined {
  const name = options.tracerName ?? '@panini/core';
  const provider: TracerProvider = options.tracerProvider ?? trace.getTracerProvider();
  // the global provider is a proxy; it has a delegate only once an SDK registered one
  const proxy = provider as TracerProvider & { getDelegateTracer?: (n: string) => Tracer | undefined };
  if (options.tracerProvider === undefined && typeof proxy.getDelegateTracer === 'function' && proxy.getDelegateTracer(name) === undefined) return undefined;
  return provider.getTracer(name);
}

/** `trace_id` and `span_id` of the active span, for log lines written inside it. */
export function traceLogFields(): Record<string, string> | undefined {
  const sc = trace.getSpanContext(context.active());
  return sc !== undefined && isSpanContextValid(sc) ? { trace_id: sc.traceId, span_id: sc.spanId } : undefined;
}
