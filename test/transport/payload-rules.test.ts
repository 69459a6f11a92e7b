import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PayloadTooLargeError } from '../../src/index.js';
import { checkPayload, headersSize } from '../../src/transport/payload-rules.js';

describe('headersSize', () => {
  describe('when there are no headers', () => {
    it('should count nothing', () => {
      assert.equal(headersSize(undefined), 0);
      assert.equal(headersSize({}), 0);
    });
  });

  describe('when there are headers', () => {
    it('should count the block as the server does: NATS/1.0 line, "k: v" lines and the blank line', () => {
      // 'NATS/1.0\r\n' (10) + 'a: b\r\n' (6) + '\r\n' (2) = 18
      assert.equal(headersSize({ a: 'b' }), Buffer.byteLength('NATS/1.0\r\na: b\r\n\r\n'));
      assert.equal(headersSize({ a: 'b', key: 'value' }), Buffer.byteLength('NATS/1.0\r\na: b\r\nkey: value\r\n\r\n'));
    });

    it('should count bytes, not characters, and ignore surrounding white space of values', () => {
      assert.equal(headersSize({ k: ' é ' }), Buffer.byteLength('NATS/1.0\r\nk: é\r\n\r\n'));
    });
  });
});

describe('checkPayload', () => {
  describe('when payload and headers fit the limit together', () => {
    it('should accept them, up to the exact limit', () => {
      const headers = { a: 'b' };
      const max = 10 + headersSize(headers);
      assert.doesNotThrow(() => checkPayload(new Uint8Array(10), max, headers));
    });
  });

  describe('when they are one byte over', () => {
    it('should throw PayloadTooLargeError with the size and the limit in bytes', () => {
      assert.throws(() => checkPayload(new Uint8Array(11), 10), (err: unknown) => {
        assert.ok(PayloadTooLargeError.is(err));
        assert.deepEqual([err.size, err.max, err.code], [11, 10, 413]);
        return true;
      });
    });
  });
});
