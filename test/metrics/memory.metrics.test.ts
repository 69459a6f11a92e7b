import { MemoryBroker, MemoryTransport } from '../../src/testing/index.js';
import { metricsCases } from './metrics-cases.js';

metricsCases({
  name: 'the memory broker',
  options: async () => ({ transport: new MemoryTransport({ broker: new MemoryBroker() }) }),
  dispose: async () => {},
});
