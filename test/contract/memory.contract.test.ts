import { MemoryBroker, MemoryTransport, Test } from '../../src/testing/index.js';
import { runContract } from './contract-target.js';
import { transportCases } from './transport-contract.js';
import { pipelineCases } from './pipeline-contract.js';
import { shutdownCases } from './shutdown-contract.js';
import { diCases } from './di-contract.js';

let broker: MemoryBroker;

runContract('the memory broker', {
  async start() {
    broker = new MemoryBroker();
    return {
      connect: async () => {
        const t = new MemoryTransport({ broker });
        await t.connect();
        return t;
      },
      module: (metadata) => Test.createTestingModule(metadata).useTransport(new MemoryTransport({ broker })),
    };
  },
  async stop() {},
}, [transportCases, pipelineCases, shutdownCases, diCases]);
