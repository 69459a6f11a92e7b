import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAckSubject, parseAckSubject } from '../../../src/jetstream/nats/nats-message.js';

describe('the JetStream ack subject of a delivered message', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9_-]{0,6}$/);
  const subject = fc.oneof(
    fc.string(),
    fc.array(token, { minLength: 0, maxLength: 14 }).map((t) => ['$JS', 'ACK', ...t].join('.')),
  );

  describe('when the pull checks its shape without splitting it', () => {
    it('should accept exactly the subjects the delivery info can be read from', () => {
      fc.assert(fc.property(fc.option(subject, { nil: undefined }), (s) => {
        assert.equal(isAckSubject(s), parseAckSubject(s) !== undefined);
      }), { numRuns: 2000 });
    });
  });

  describe('when the server adds domain and account (ADR-15)', () => {
    it('should read the same delivery info as from the short form', () => {
      const short = parseAckSubject('$JS.ACK.ORDERS.billing.2.41.57.1700000000123456789.9');
      const long = parseAckSubject('$JS.ACK.hub.ACC.ORDERS.billing.2.41.57.1700000000123456789.9.rnd');
      assert.deepEqual(long, short);
      assert.deepEqual(short, { stream: 'ORDERS', consumer: 'billing', deliveryCount: 2, streamSequence: 41, consumerSequence: 57, redelivered: true, timestamp: 1700000000123, pending: 9 });
    });
  });
});
