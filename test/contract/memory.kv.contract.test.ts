import { ManualClock } from '../../src/scheduler/manual-clock.js';
import { MemoryBroker, MemoryTransport } from '../../src/testing/index.js';
import { JETSTREAM_BACKEND } from '../../src/jetstream/backend.js';
import { runStoreContract } from './kv-target.js';
import { kvCases, objectStoreCases } from './kv-contract.js';

let clock: ManualClock;

runStoreContract('the memory broker', {
  async start() {
    // the broker's JetStream keeps this clock's time: a bucket's TTL passes when the case says so
    clock = new ManualClock(Date.now());
    const broker = new MemoryBroker({ clock });
    return {
      connect: async () => {
        const transport = new MemoryTransport({ broker });
        await transport.connect();
        const backend = transport[JETSTREAM_BACKEND]();
        return { transport, backend, stores: backend.stores!() };
      },
      elapse: (ms) => clock.advance(ms),
    };
  },
  async stop() {},
}, [kvCases, objectStoreCases]);
