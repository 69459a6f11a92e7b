// work-queue.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryBroker, MemoryTransport, Test } from '../../../src/testing/index.js';
import { OrdersWorker, WorkerModule } from './work-queue.module.js';

test('two replicas share the work and both see every event', async () => {
  const broker = new MemoryBroker();   // one broker, as one NATS server
  const replica = () => Test.createTestingModule({ imports: [WorkerModule] })
    .withOptions({ name: 'shipping' })  // same name, same queue group
    .useTransport(new MemoryTransport({ broker }))
    .compile();
  const [a, b] = [await replica(), await replica()];

  const ids = Array.from({ length: 20 }, (_, i) => `o-${i}`);
  for (const id of ids) await a.publish('orders.placed', { id });
  await b.settle();

  const [wa, wb] = [a.get(OrdersWorker), b.get(OrdersWorker)];
  assert.deepEqual([...wa.shipped, ...wb.shipped].sort(), [...ids].sort()); // each shipped once
  assert.deepEqual(wa.seen, ids);                                          // every replica saw all
  assert.deepEqual(wb.seen, ids);

  await a.close();
  await b.close();
});
