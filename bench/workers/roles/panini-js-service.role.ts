import { PaniniFactory, type PaniniApplication } from '../../../src/index.js';
import type { Role, SetupArgs } from '../../harness/ipc.js';
import { HitCounter } from '../hit-counter.js';
import { SERVICE_NAME } from '../panini-bench.module.js';
import { jetstreamBenchModule } from '../panini-js-bench.module.js';

/** Scenario 11's Panini service: a `PaniniFactory` app with one `@Consume` handler, default options. */
export function paniniJetStreamService(): Role {
  let app: PaniniApplication | undefined;
  const hits = new HitCounter();
  return {
    async setup({ url, prefix }: SetupArgs) {
      app = await PaniniFactory.create(jetstreamBenchModule(prefix, hits), { name: SERVICE_NAME, servers: url, logging: { silent: true }, handleSignals: false });
      await app.start();
    },
    arm({ count }: { count?: number }) { hits.arm(count ?? Number.POSITIVE_INFINITY); },
    wait() { return hits.wait(); },
    snapshot() { return hits.snapshot(); },
    async close() {
      await app?.close();
    },
  };
}
