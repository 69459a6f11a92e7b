import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Payload, Subject } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';

@Controller('quote')
class QuoteController {
  @Subject('price') price(@Payload() body: { sku: string }): { sku: string; price: number } { return { sku: body.sku, price: 3 }; }
}

describe('replyTo on the memory transport', () => {
  describe('when the replyTo subject has no listener', () => {
    it('should run the handler, count it as handled, send the reply into the void and keep serving', async () => {
      const app = await Test.createTestingModule({ controllers: [QuoteController] }).compile();
      await app.publish('quote.price', { sku: 'a' }, { replyTo: 'nobody.listens' });
      const stats = app.app.stats().find((s) => s.subject === 'quote.price')!;
      assert.deepEqual([stats.received, stats.handled, stats.failed, stats.failedEvents], [1, 1, 0, 0]);
      const replies = app.traffic.messages('nobody.listens');
      assert.deepEqual(replies.map((m) => [m.kind, m.data]), [['reply', { sku: 'a', price: 3 }]]);
      assert.deepEqual([...app.logs!.lines('warn'), ...app.logs!.lines('error')], [], 'a dropped reply is not an error');
      assert.deepEqual(await app.request('quote.price', { sku: 'b' }), { sku: 'b', price: 3 });
      await app.close();
    });
  });
});
