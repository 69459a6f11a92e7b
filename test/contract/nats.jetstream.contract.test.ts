import { NatsTransport } from '../../src/index.js';
import { NatsJetStreamBackend } from '../../src/jetstream/nats/nats.backend.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/index.js';
import { runJetStreamContract } from './jetstream-target.js';
import { jetStreamCases } from './jetstream-contract.js';

let server: NatsServerHandle | undefined;

runJetStreamContract('a real nats-server', {
  async start() {
    const nats = (server = await startNatsServer());
    return {
      connect: async () => {
        const transport = new NatsTransport('jetstream-contract', { servers: nats.url });
        await transport.connect();
        return { transport, backend: new NatsJetStreamBackend(transport.connection) };
      },
    };
  },
  async stop() {
    await server?.dispose();
  },
}, [jetStreamCases]);
