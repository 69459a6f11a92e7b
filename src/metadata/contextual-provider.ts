import type { Token } from './types.js';

/**
 * A token whose value depends on who asks for it (a logger named after its consumer).
 * `create` runs once per consuming class. Declared with the other provider shapes so that the
 * parts offering such providers (logging) need not know the container that consumes them.
 */
export interface ContextualProvider { token: Token; create(consumer: string): unknown }
