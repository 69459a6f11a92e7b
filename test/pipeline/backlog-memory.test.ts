import { describe } from 'node:test';
import { MemoryBroker, MemoryTransport } from '../../src/testing/index.js';
import { backlogCases } from './backlog-cases.js';

describe('backlog limits on the memory transport', () => {
  const broker = new MemoryBroker();
  backlogCases(() => ({
    use: (b) => b.useTransport(new MemoryTransport({ broker })),
    connect: async () => { const t = new MemoryTransport({ broker }); await t.connect(); return t; },
  }));
});
