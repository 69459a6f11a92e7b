import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Fields every log line carries while a message, an HTTP request or a task run is handled.
 * A `MessageContext` is itself a scope (its getters compute fields only when a line is logged).
 */
export interface LogScope {
  readonly service?: string;
  readonly subject?: string;
  readonly requestId?: string;
  readonly method?: string;
  readonly path?: string;
  readonly task?: string;
  readonly runId?: string;
}

export const logScope = new AsyncLocalStorage<LogScope>();

/** The scope of the work in progress, if any. */
export function currentScope(): LogScope | undefined {
  return logScope.getStore();
}

/** Extra fields for a line, read while it is logged (tracing's `trace_id`/`span_id`); undefined for none. */
export type LogFieldSource = () => Readonly<Record<string, string>> | undefined;
/** Set by a capability (tracing); while unset, logging does no extra work per line. */
export let logFieldSource: LogFieldSource | undefined;
/** Installs (or with undefined removes) the one source of extra per-line fields. */
export function setLogFieldSource(source: LogFieldSource | undefined): void {
  logFieldSource = source;
}
