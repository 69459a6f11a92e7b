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
