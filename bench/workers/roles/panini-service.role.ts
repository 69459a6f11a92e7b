import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { HitCounter } from '../hit-counter.js';
import { benchModule, SERVICE_NAME } from '../panini-bench.module.js';

/** The Panini service: a `PaniniFactory` app with `@Controller`/`@Subject` handlers, default options. */
export function paniniService(): Role {
  let app: PaniniApplication | undefined;
  const hits = new HitCounter();
  return {
    async setup({ url, prefix }: SetupArgs) {
      app = await PaniniFactory.create(benchModule(prefix, hits), { name: SERVICE_NAME, servers: url, logging: { silent: true }, handleSignals: false });
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
