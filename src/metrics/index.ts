/**
 * `@panini/core/metrics`: Prometheus metrics on prom-client (an optional peer dependency).
 * Only this entry point loads prom-client; `@panini/core` never does.
 */
import 'reflect-metadata';

export { MetricsModule } from './metrics.module.js';
export { MetricsServer } from './metrics-server.js';
export { METRICS_REGISTRY } from './metrics-registry.js';
export { METRICS_OPTIONS, DEFAULT_BUCKETS, type MetricsModuleOptions } from './metrics-options.js';
