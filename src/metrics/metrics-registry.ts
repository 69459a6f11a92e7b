import { collectDefaultMetrics, Registry } from 'prom-client';
import type { MetricsModuleOptions } from './metrics-options.js';

/**
 * Injection token of the app's prom-client `Registry`: what `/metrics` exposes. Register your
 * own metrics in it to have them scraped with Panini's.
 * @example
 * constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
 *   this.orders = new Counter({ name: 'orders_created_total', help: 'Orders created', registers: [registry] });
 * }
 */
export const METRICS_REGISTRY = Symbol('panini:metrics-registry');

/** One registry per app (never prom-client's global one), so two apps in a process do not collide. */
export function createRegistry(options: MetricsModuleOptions): Registry {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return registry;
}
