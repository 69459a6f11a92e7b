import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemoteError } from '../../src/index.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('RemoteError.fromMessage', () => {
  describe('when the reply has no error code header', () => {
    it('should return undefined, so the reply is read as a result', () => {
      assert.equal(RemoteError.fromMessage({ data: bytes('{"error":{"message":"looks like one"}}') }), undefined);
      assert.equal(RemoteError.fromMessage({ data: bytes('{}'), headers: { 'X-Other': '1' } }), undefined);
    });
  });

  describe('when a Panini service answered with a JSON error body', () => {
    it('should take code from the header and message and details from the body', () => {
      const err = RemoteError.fromMessage({
        data: bytes('{"error":{"code":400,"message":"invalid payload: qty","details":[{"path":"qty"}]}}'),
        headers: { 'Nats-Service-Error': 'invalid payload: qty', 'Nats-Service-Error-Code': '400' },
      }, 'orders.create');
      assert.ok(err instanceof RemoteError);
      assert.deepEqual([err.code, err.message, err.details, err.subject], [400, 'invalid payload: qty', [{ path: 'qty' }], 'orders.create']);
    });
  });

  describe('when another NATS client sends the headers in lower case and a text body', () => {
    it('should read the headers in any case and take the message from the header', () => {
      const err = RemoteError.fromMessage({ data: bytes('not json'), headers: { 'nats-service-error': 'busy', 'nats-service-error-code': '503' } });
      assert.deepEqual([err?.code, err?.message, err?.details], [503, 'busy', undefined]);
    });
  });

  describe('when the code header is not a number and nothing names the error', () => {
    it('should answer 500 with the message "remote error"', () => {
      const err = RemoteError.fromMessage({ data: new Uint8Array(0), headers: { 'Nats-Service-Error-Code': 'oops' } });
      assert.deepEqual([err?.code, err?.message], [500, 'remote error']);
    });
  });

  describe('when the body is JSON null', () => {
    it('should fall back to the header message instead of throwing', () => {
      const err = RemoteError.fromMessage({ data: bytes('null'), headers: { 'Nats-Service-Error': 'gone', 'Nats-Service-Error-Code': '410' } });
      assert.deepEqual([err?.code, err?.message, err?.details], [410, 'gone', undefined]);
    });
  });
});
