import { describe } from 'node:test';
import { MemoryBroker, MemoryTransport } from '../../src/testing/index.js';
import { shutdownDeadlineCases } from './shutdown-deadline-cases.js';

describe('shutdown deadline on the memory transport', () => {
  const broker = new MemoryBroker();
  shutdownDeadlineCases(() => ({
    use: (b) => b.useTransport(new MemoryTransport({ broker })),
    connect: async () => { const t = new MemoryTransport({ broker }); await t.connect(); return t; },
  }));
});
