import type { AbandonedWork } from '../pipeline/handler-runner.js';
import type { SourceEventListener } from './source-event.js';

/**
 * Where a set of handlers gets its messages from: core NATS subscriptions (`@Subject`), or a
 * capability's own (a JetStream consumer, a KV watch). The app drives every source through the
 * same steps of its start-up and shutdown order and never needs to know what a source reads.
 */
export interface MessageSource {
  /** The handler kind it serves (`'core'` for `@Subject` handlers). */
  readonly kind: string;
  /**
   * Subscribes or attaches; messages may flow from here on. The app flushes the connection once
   * every source started, so the server knows every subscription before `start()` resolves.
   */
  start(): void | Promise<void>;
  /** Stops delivery; resolves once messages already delivered were handed to the runners. */
  drain(): Promise<void>;
  /** Resolves once nothing runs or waits. */
  idle(): Promise<void>;
  /**
   * The shutdown deadline passed: nothing waiting starts any more; the source's policy refuses
   * it (core NATS answers requests 503). Returns what was cut, per handler, for one summary line.
   */
  abandon(reason: string): AbandonedWork[];
  /** Health reports (see `SourceEvent`); returns a function that stops listening. */
  onEvent?(listener: SourceEventListener): () => void;
}
