import { MemoryBroker, MemoryTransport } from '../../src/testing/index.js';
import { JETSTREAM_BACKEND } from '../../src/jetstream/backend.js';
import { runJetStreamContract } from './jetstream-target.js';
import { jetStreamCases, jetStreamInterfaceCases } from './jetstream-contract.js';

let broker: MemoryBroker;

runJetStreamContract('the memory broker', {
  async start() {
    broker = new MemoryBroker();
    return {
      connect: async () => {
        const transport = new MemoryTransport({ broker });
        await transport.connect();
        return { transport, backend: transport[JETSTREAM_BACKEND]() };
      },
    };
  },
  async stop() {},
}, [jetStreamCases, jetStreamInterfaceCases]);
