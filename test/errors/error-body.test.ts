import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NoRespondersError, PayloadTooLargeError, RemoteError, RequestTimeoutError, ServiceError, ValidationFailedError } from '../../src/index.js';
import { toErrorBody } from '../../src/internal.js';

describe('toErrorBody', () => {
  describe('when given a ServiceError', () => {
    it('should keep its code and message, and its details when there are some', () => {
      assert.deepEqual(toErrorBody(new ServiceError(404, 'order 7 not found')), { error: { code: 404, message: 'order 7 not found' } });
      assert.deepEqual(toErrorBody(new ServiceError(409, 'taken', { id: 1 })), { error: { code: 409, message: 'taken', details: { id: 1 } } });
    });

    it('should keep a subclass\'s details too', () => {
      const body = toErrorBody(new ValidationFailedError([{ path: 'qty', constraints: { min: 'too small' } }]));
      assert.deepEqual(body, { error: { code: 400, message: 'invalid payload: qty', details: [{ path: 'qty', constraints: { min: 'too small' } }] } });
    });
  });

  describe('when given a RemoteError from a downstream service', () => {
    it('should pass its code, message and details on', () => {
      assert.deepEqual(toErrorBody(new RemoteError(422, 'bad sku', ['sku'])), { error: { code: 422, message: 'bad sku', details: ['sku'] } });
    });
  });

  describe('when given a request or size failure', () => {
    it('should answer its own code with its message and no details', () => {
      assert.deepEqual(toErrorBody(new RequestTimeoutError('stock.get', 250)).error, { code: 504, message: "request to 'stock.get' timed out after 250 ms" });
      assert.deepEqual(toErrorBody(new NoRespondersError('stock.get')).error, { code: 503, message: "no responders are listening on 'stock.get'" });
      assert.equal(toErrorBody(new PayloadTooLargeError(2000, 1024)).error.code, 413);
    });
  });

  describe('when given anything else', () => {
    it('should answer a bare 500 that quotes nothing of the error', () => {
      const bare = { error: { code: 500, message: 'internal error' } };
      for (const thrown of [new Error('db password is hunter2'), 'a string', undefined, { code: 404, message: 'not branded' }]) {
        assert.deepEqual(toErrorBody(thrown), bare);
      }
    });
  });
});
