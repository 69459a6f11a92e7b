import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wireErrorCode } from '../../src/errors/error-code.js';

describe('wireErrorCode', () => {
  it('should send integers from 400 to 599 as they are', () => {
    for (const c of [400, 404, 413, 499, 500, 503, 599]) assert.deepEqual(wireErrorCode(c), { code: c, valid: true });
  });

  it('should map anything else to 500 and flag it', () => {
    for (const c of [NaN, 0, -1, 200, 399, 600, 999, 1000, 404.5, Infinity, '404', undefined, null, {}]) {
      assert.deepEqual(wireErrorCode(c), { code: 500, valid: false }, String(c));
    }
  });

  it('should always produce a code from 400 to 599', () => {
    fc.assert(fc.property(fc.anything(), (c) => {
      const { code } = wireErrorCode(c);
      assert.ok(Number.isInteger(code) && code >= 400 && code <= 599);
    }));
  });
});
