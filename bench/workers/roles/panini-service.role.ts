import { PaniniFactory, type DynamicModule, type PaniniApplication } from '../../../src/index.js';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { HitCounter } from '../hit-counter.js';
import { benchModule, SERVICE_NAME } from '../panini-bench.module.js';

/**
 * The Panini service: a `PaniniFactory` app with `@Controller`/`@Subject` handlers, default
 * options; `metrics` adds `MetricsModule.forRoot()` on a loopback listener (loaded only then),
 * `no-micro` turns the `$SRV` responder off, `message-scope` answers requests from a controller
 * made per message (a message-scoped dependency).
 */
export function paniniService(variant: 'default' | 'metrics' | 'no-micro' | 'message-scope' = 'default'): Role {
  let app: PaniniApplication | undefined;
  const hits = new HitCounter();
  return {
    async setup({ url, prefix }: SetupArgs) {
      let root: DynamicModule = benchModule(prefix, hits, variant === 'message-scope');
      if (variant === 'metrics') {
        const { MetricsModule } = await import('../../../src/metrics/index.js');
        root = { module: class MeteredBenchModule {}, imports: [root, MetricsModule.forRoot({ listen: { port: 0 } })] };
      }
      app = await PaniniFactory.create(root, { name: SERVICE_NAME, servers: url, logging: { silent: true }, handleSignals: false, ...(variant === 'no-micro' ? { micro: false as const } : {}) });
      await app.start();
      await app.client.flush();
    },
    arm({ count }: { count?: number }) { hits.arm(count ?? Number.POSITIVE_INFINITY); },
    wait() { return hits.wait(); },
    snapshot() { return hits.snapshot(); },
    async close() {
      await app?.close();
    },
  };
}
