import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RequestTimeoutError } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';

describe('request timeouts in the testing kit', () => {
  describe('when a test fakes setInterval and Date, and the responder never answers', () => {
    it('should reject with RequestTimeoutError once the faked clock passes the timeout, and not before', async (t) => {
      const app = await Test.createTestingModule({}).compile();
      app.transport.subscribe('silent.svc', () => undefined); // listens, never answers
      t.mock.timers.enable({ apis: ['setInterval', 'Date'] });
      try {
        let outcome: unknown = 'pending';
        const request = app.request('silent.svc', {}, { timeout: 60_000 }).then(() => 'answered', (e: unknown) => e);
        void request.then((o) => { outcome = o; });
        t.mock.timers.tick(59_990);
        await app.settle();
        assert.equal(outcome, 'pending', 'the request ended before the faked clock reached its timeout');
        t.mock.timers.tick(20);
        await app.settle();
        const err = outcome as unknown; // set by the promise callback, which the compiler cannot see
        assert.ok(err instanceof RequestTimeoutError, `expected a RequestTimeoutError once the faked clock passed 60 s, got ${String(err)}`);
        assert.equal(err.timeout, 60_000);
        assert.equal(err.subject, 'silent.svc');
      } finally {
        t.mock.timers.reset();
      }
      await app.close();
    });
  });
});
