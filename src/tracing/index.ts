/**
 * `@panini/core/tracing`: OpenTelemetry spans for NATS messages and HTTP requests. Only this
 * entry point loads `@opentelemetry/api` (an optional peer dependency); `@panini/core` never does.
 */
export { TracingModule, TRACER } from './tracing.module.js';
export type { TracingOptions } from './tracing-options.js';
