import type { Tracer } from '@opentelemetry/api';
import { DiscoveryService, Inject, Injectable, Module, NatsClient, PIPELINE_LISTENERS, type DynamicModule, type OnModuleInit } from '../index.js';
import { APP_COMPONENTS, GLOBAL_MIDDLEWARE, setLogFieldSource, type PlacedComponent } from '../internal.js';
import { MessageSpans } from './message-spans.js';
import { outboundSpans } from './outbound-spans.js';
import { httpSpans, type HttpMiddleware } from './http-spans.js';
import { resolveTracer, traceLogFields } from './tracer-source.js';
import type { TracingOptions } from './tracing-options.js';

/** The module's tracer, or null when no tracer provider is registered (then nothing is hooked). */
export const TRACER = Symbol('panini:tracer');

/** Hooks `NatsClient` and the HTTP server (when imported) once the app starts. */
@Injectable()
class TracingHooks implements OnModuleInit {
  constructor(
    @Inject(TRACER) private readonly tracer: Tracer | null,
    private readonly client: NatsClient,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    if (this.tracer === null) return;
    this.client.use(outboundSpans(this.tracer));
    // the HTTP server shows its Express app as a component; found here so the core names no HTTP type.
    // onModuleInit runs before the server adds its routes, so this middleware runs before them
    const http = this.discovery.all()
      .filter((d) => d.token === APP_COMPONENTS)
      .flatMap((d) => d.instance as PlacedComponent | PlacedComponent[])
      .find((c) => c.exposes?.key === 'http')?.exposes?.value() as { use(fn: HttpMiddleware): void } | undefined;
    http?.use(httpSpans(this.tracer));
  }
}

/**
 * OpenTelemetry tracing of NATS messages and HTTP requests: a span per handled message,
 * publish and request, joined into one trace by W3C `traceparent`/`tracestate`/`baggage`
 * headers. Needs `@opentelemetry/api` and an SDK registered before the app is created;
 * without a tracer provider it does nothing.
 * @example
 * @Module({ imports: [TracingModule.forRoot()], controllers: [OrdersController] })
 * export class AppModule {}
 */
@Module({})
export class TracingModule {
  static forRoot(options: TracingOptions = {}): DynamicModule {
    const spans = (tracer: Tracer | null) => (tracer === null ? null : new MessageSpans(tracer));
    return {
      module: TracingModule,
      global: true,
      providers: [
        { provide: TRACER, useFactory: () => makeTracer(options) },
        { provide: MessageSpans, useFactory: spans, inject: [TRACER] },
        { provide: PIPELINE_LISTENERS, useFactory: (s: MessageSpans | null) => (s ? [s.listener] : []), inject: [MessageSpans] },
        { provide: GLOBAL_MIDDLEWARE, useFactory: (s: MessageSpans | null) => (s ? [s.middleware] : []), inject: [MessageSpans] },
        TracingHooks,
      ],
      exports: [TRACER],
    };
  }
}

function makeTracer(options: TracingOptions): Tracer | null {
  const tracer = resolveTracer(options);
  if (tracer !== undefined && options.logCorrelation !== false) setLogFieldSource(traceLogFields);
  return tracer ?? null;
}
