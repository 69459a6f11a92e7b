// billing.test.ts
import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/index.js';
import { Test, waitUntil } from '../../../src/testing/index.js';
import { BillingModule, PaymentsService } from './billing.module.js';

describe('billing', () => {
  it('should retry a failed charge after each backoff delay, then ack it', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const charge = mock.fn(async () => {
      if (++calls < 3) throw new Error('provider down');
    });
    const app = await Test.createTestingModule({ imports: [BillingModule] })
      .overrideProvider(PaymentsService).useValue({ charge })
      .withOptions({ scheduler: { clock } })
      .compile();

    await app.publish('orders.created', { id: 'o-1' });
    await waitUntil(() => charge.mock.callCount() === 1);

    await clock.advance(1000); // the first backoff delay
    await waitUntil(() => charge.mock.callCount() === 2);
    await clock.advance(5000); // the second
    await waitUntil(() => charge.mock.callCount() === 3);

    assert.deepEqual(charge.mock.calls.map((c) => c.arguments), [['o-1 (attempt 1)'], ['o-1 (attempt 2)'], ['o-1 (attempt 3)']]);
    await waitUntil(() => app.jetstream.consumerInfo('ORDERS', 'billing').num_ack_pending === 0);
    assert.equal(app.jetstream.consumerInfo('ORDERS', 'billing').ack_floor.stream_seq, 1);
    await app.close();
  });
});
