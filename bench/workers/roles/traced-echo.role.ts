import { performance } from 'node:perf_hooks';
import { Controller, Module, Payload, Subject, type DynamicModule } from '../../../src/index.js';
import { Test, type TestingApp } from '../../../src/testing/index.js';
import type { Role } from '../../harness/ipc.js';
import { ORDER } from '../../fixtures/order.payload.js';
import { cpuSinceUs } from '../clock.js';

/** 'off': no tracing module; 'idle': the module and the API, no SDK; 'on': the SDK records every span. */
export type TracingMode = 'off' | 'idle' | 'on';
export interface TracedRunArgs { count: number; mode: TracingMode }
export interface TracedRunResult { wallUs: number; cpuUs: number }

@Controller('orders')
class OrdersController {
  @Subject('accept')
  accept(@Payload() body: { id: string }): { id: string } {
    return { id: body.id };
  }
}
@Module({ controllers: [OrdersController] })
class OrdersModule {}

const IN_FLIGHT = 32;

/**
 * The tracing scenarios: requests on the memory broker (so only Panini's own work is timed),
 * 32 in flight, in an app of the given mode. Each worker process keeps one mode: the
 * OpenTelemetry globals cannot be unset.
 */
export function tracedEcho(): Role {
  let app: TestingApp | undefined;
  let mode: TracingMode | undefined;
  const start = async (m: TracingMode): Promise<TestingApp> => {
    if (app && mode === m) return app;
    if (mode !== undefined && mode !== m) throw new Error(`this worker runs mode '${mode}', asked for '${m}'`);
    mode = m;
    const imports: DynamicModule[] = [];
    if (m !== 'off') imports.push((await import('../../../src/tracing/index.js')).TracingModule.forRoot());
    if (m === 'on') await registerSdk();
    app = await Test.createTestingModule({ imports: [...imports, OrdersModule] }).compile();
    await burst(app, 2000);
    return app;
  };
  return {
    async setup() {},
    async run({ count, mode: m }: TracedRunArgs): Promise<TracedRunResult> {
      const a = await start(m);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await burst(a, count);
      return { wallUs: (performance.now() - t0) * 1000, cpuUs: cpuSinceUs(cpu0) };
    },
    async close() {
      await app?.close();
    },
  };
}

async function burst(app: TestingApp, count: number): Promise<void> {
  let sent = 0;
  const lane = async (): Promise<void> => {
    while (sent < count) {
      sent++;
      await app.request('orders.accept', ORDER);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

/** What `NodeSDK.start()` sets up, with an exporter that drops spans (the export is not Panini's cost). */
async function registerSdk(): Promise<void> {
  const { context, propagation, trace } = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = await import('@opentelemetry/core');
  const { BasicTracerProvider, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const drop = { export: (_s: unknown, done: (r: { code: 0 }) => void) => done({ code: 0 }), shutdown: async () => {} };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(drop)] }));
}
