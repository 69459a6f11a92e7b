import { startNatsServer, type NatsServerHandle } from '../../src/testing/index.js';
import { metricsCases } from './metrics-cases.js';

let server: NatsServerHandle | undefined;

metricsCases({
  name: 'a real nats-server',
  options: async () => ({ servers: (server = await startNatsServer()).url }),
  dispose: async () => { await server?.dispose(); server = undefined; },
});
