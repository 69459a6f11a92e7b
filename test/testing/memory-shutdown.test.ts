import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryBroker, MemoryTransport, Test, waitUntil } from '../../src/testing/index.js';
import { Gate, GATE, SlowModule } from '../support/shutdown-fixtures.js';

describe('closing an app on the memory broker', () => {
  describe('when requests were routed to it in the same turn as close(), not yet handed over', () => {
    it('should still hand them to the handler and answer every one', async () => {
      const broker = new MemoryBroker();
      const gate = new Gate();
      const app = await Test.createTestingModule({ imports: [SlowModule] }).withOptions({ name: 'shut', shutdownTimeout: 30_000 })
        .overrideProvider(GATE).useValue(gate).useTransport(new MemoryTransport({ broker })).compile();
      const caller = await Test.createTestingModule({}).withOptions({ name: 'caller' }).useTransport(new MemoryTransport({ broker })).compile();
      try {
        const first = caller.request('shut.slow', { n: 1 }, { timeout: 10_000 });
        await waitUntil(() => gate.started().length === 1, { what: 'the first handler to start' });
        // the broker routes at publish time and hands over on a later turn: these are in its queue
        const queued = [2, 3].map((n) => caller.request('shut.slow', { n }, { timeout: 10_000 }));
        const closing = app.close();
        gate.open();
        assert.deepEqual(await Promise.all([first, ...queued]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
        await closing;
        assert.deepEqual(gate.finished(), [1, 2, 3]);
      } finally {
        gate.open();
        await app.close();
        await caller.close();
      }
    });
  });
});
