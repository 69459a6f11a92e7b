import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, ManualClock, Module, Payload } from '../../../src/index.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../../src/jetstream/index.js';
import { MemoryTransport, Test, waitUntil } from '../../../src/testing/index.js';

const clock = new ManualClock();
const attempts: Array<{ count: number; at: number }> = [];

@Controller()
class BillingController {
  @Consume('ORDERS', { durable: 'billing', backoff: [1000, 5000], maxDeliver: 5 })
  charge(@Payload() _order: { id: string }, @Ctx() ctx: JetStreamContext): void {
    attempts.push({ count: ctx.deliveryCount, at: clock.now() });
    if (attempts.length < 3) throw new Error('payment service down');
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [{ name: 'ORDERS', subjects: ['orders.>'], storage: 'memory' }] })],
  controllers: [BillingController],
})
class BillingModule {}

describe('a @Consume handler under the testing kit with a ManualClock', () => {
  describe('when it fails twice, then succeeds', () => {
    it('should be redelivered after each backoff delay as the clock advances, with no real waiting, and acked once', async () => {
      const app = await Test.createTestingModule({ imports: [BillingModule] }).withOptions({ scheduler: { clock } }).compile();
      try {
        const start = clock.now();
        await app.publish('orders.created', { id: 'o-1' });
        await waitUntil(() => attempts.length === 1, { what: 'the first attempt' });

        await clock.advance(999);
        await app.settle();
        assert.equal(attempts.length, 1, 'not redelivered before the first backoff delay');
        await clock.advance(1);
        await waitUntil(() => attempts.length === 2, { what: 'the second attempt' });

        await clock.advance(4999);
        await app.settle();
        assert.equal(attempts.length, 2, 'not redelivered before the second backoff delay');
        await clock.advance(1);
        await waitUntil(() => attempts.length === 3, { what: 'the third attempt' });

        assert.deepEqual(attempts, [{ count: 1, at: start }, { count: 2, at: start + 1000 }, { count: 3, at: start + 6000 }]);
        const js = (app.transport as MemoryTransport).broker.jetstream;
        await waitUntil(() => js.consumerInfo('ORDERS', 'billing').ack_floor.stream_seq === 1, { what: 'the message acked' });
        assert.equal(js.consumerInfo('ORDERS', 'billing').num_ack_pending, 0);
      } finally {
        await app.close();
      }
    });
  });
});
