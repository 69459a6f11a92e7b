import { NatsTransport } from '../../src/index.js';
import { startNatsServer, Test, type NatsServerHandle } from '../../src/testing/index.js';
import { runContract } from './contract-target.js';
import { transportCases } from './transport-contract.js';
import { pipelineCases } from './pipeline-contract.js';
import { shutdownCases } from './shutdown-contract.js';
import { diCases } from './di-contract.js';

let server: NatsServerHandle | undefined;

runContract('a real nats-server', {
  async start() {
    const nats = (server = await startNatsServer());
    return {
      connect: async () => {
        const t = new NatsTransport('contract', { servers: nats.url });
        await t.connect();
        return t;
      },
      module: (metadata) => Test.createTestingModule(metadata).useTransport({ servers: nats.url }),
    };
  },
  async stop() {
    await server?.dispose();
  },
}, [transportCases, pipelineCases, shutdownCases, diCases]);
