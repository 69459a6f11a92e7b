import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { headerValue } from '../../src/errors/header-lookup.js';

describe('headerValue', () => {
  describe('when the name matches exactly', () => {
    it('should return the value', () => {
      assert.equal(headerValue({ 'Nats-Request-Id': 'r1' }, 'Nats-Request-Id'), 'r1');
    });
  });

  describe('when the name differs only in case', () => {
    it('should find it, as NATS tooling treats header names', () => {
      assert.equal(headerValue({ 'nats-request-id': 'r2' }, 'Nats-Request-Id'), 'r2');
      assert.equal(headerValue({ 'NATS-REQUEST-ID': 'r3' }, 'nats-request-id'), 'r3');
    });
  });

  describe('when the header is absent or there are no headers', () => {
    it('should return undefined', () => {
      assert.equal(headerValue({ other: 'x' }, 'Nats-Request-Id'), undefined);
      assert.equal(headerValue(undefined, 'Nats-Request-Id'), undefined);
    });
  });

  describe('when the name is one of Object.prototype\'s', () => {
    it('should not find the inherited property', () => {
      assert.equal(headerValue({}, 'constructor'), undefined);
      assert.equal(headerValue({}, 'toString'), undefined);
    });
  });
});
