import type { Registry } from 'prom-client';
import { Module, NatsClient, PIPELINE_LISTENERS, TRANSPORT, type DynamicModule, type HandlerStats, type Transport } from '../index.js';
import { APP_COMPONENTS, HANDLER_STATS } from '../internal.js';
import { checkMetricsOptions, DEFAULT_BUCKETS, METRICS_OPTIONS, type MetricsModuleOptions } from './metrics-options.js';
import { createRegistry, METRICS_REGISTRY } from './metrics-registry.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MetricsServer } from './metrics-server.js';

/**
 * Prometheus metrics of the app: handler durations, `NatsClient` traffic, backlogs and the
 * connection, plus prom-client's process metrics, at `/metrics` of the HTTP module (or of the
 * module's own listener with `listen`). Import it once, in the app module.
 * @throws RangeError from `forRoot()` on a bad `path`, `listen.port` or `buckets`.
 * @example
 * @Module({ imports: [HttpModule.forRoot({ port: 8080 }), MetricsModule.forRoot()], controllers: [OrdersController] })
 * export class AppModule {}
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    checkMetricsOptions(options);
    return {
      module: MetricsModule,
      global: true,
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        { provide: METRICS_REGISTRY, useFactory: () => createRegistry(options) },
        {
          provide: MessagingMetrics,
          useFactory: (registry: Registry, stats: HandlerStats[], transport: Transport, client: NatsClient) => new MessagingMetrics(registry, options.buckets ?? DEFAULT_BUCKETS, stats, transport, client),
          inject: [METRICS_REGISTRY, HANDLER_STATS, TRANSPORT, NatsClient],
        },
        { provide: PIPELINE_LISTENERS, useFactory: (m: MessagingMetrics) => m.onPipelineEvent, inject: [MessagingMetrics] },
        MetricsServer,
        { provide: APP_COMPONENTS, useExisting: MetricsServer },
      ],
      exports: [METRICS_OPTIONS, METRICS_REGISTRY, MetricsServer],
    };
  }
}
