import type { TracerProvider } from '@opentelemetry/api';

/** What `TracingModule.forRoot()` takes. Every field is optional. */
export interface TracingOptions {
  /**
   * Where spans go. Default: the global provider (`NodeSDK.start()` or
   * `trace.setGlobalTracerProvider()`), read when the app is created: register it before
   * `PaniniFactory.create`. With none, tracing adds nothing to the message path.
   */
  tracerProvider?: TracerProvider;
  /** Tracer name on every span (default '@panini/core'). */
  tracerName?: string;
  /** Add `trace_id` and `span_id` to log lines written inside a span (default true). */
  logCorrelation?: boolean;
}
