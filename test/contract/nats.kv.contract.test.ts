import { NatsTransport } from '../../src/index.js';
import { NatsJetStreamBackend } from '../../src/jetstream/nats/nats.backend.js';
import { natsStores } from '../../src/jetstream/nats/nats-stores.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/index.js';
import { runStoreContract } from './kv-target.js';
import { kvCases, objectStoreCases } from './kv-contract.js';

let server: NatsServerHandle | undefined;

runStoreContract('a real nats-server', {
  async start() {
    const nats = (server = await startNatsServer());
    return {
      connect: async () => {
        const transport = new NatsTransport('kv-contract', { servers: nats.url });
        await transport.connect();
        return { transport, backend: new NatsJetStreamBackend(transport.connection), stores: natsStores(transport.connection) };
      },
      // the server's clock runs on its own; the case waits for the effect with a deadline
      elapse: async () => {},
    };
  },
  async stop() {
    await server?.dispose();
  },
}, [kvCases, objectStoreCases]);
