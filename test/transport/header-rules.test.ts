import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkHeaderName, foldHeaderValue, toWireHeaders } from '../../src/transport/header-rules.js';
import { toWireHeaders as fromTestingKit } from '../../src/testing/header-rules.js';

const invalidHeader = { name: 'InvalidArgumentError' };

describe('header rules', () => {
  describe('checkHeaderName', () => {
    it('should accept printable ASCII without a colon', () => {
      for (const name of ['X-Tenant', 'Nats-Service-Error', 'a!#$%&*+-.^_|~0']) assert.doesNotThrow(() => checkHeaderName(name));
    });

    it('should refuse an empty name, a colon, a space, a control or a non-ASCII character', () => {
      for (const name of ['', 'x:y', 'x y', 'x\ty', 'x\ny', 'tenañt', 'x\u007f']) assert.throws(() => checkHeaderName(name), invalidHeader, JSON.stringify(name));
    });
  });

  describe('foldHeaderValue', () => {
    it('should turn every run of CR/LF into one space and leave other values as they are', () => {
      assert.equal(foldHeaderValue('line one\r\nline two\n\nthree'), 'line one line two three');
      assert.equal(foldHeaderValue('plain'), 'plain');
    });

    it('should make any string a value the sanitiser accepts', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
        const folded = foldHeaderValue(s);
        assert.ok(!/[\r\n]/.test(folded));
        assert.doesNotThrow(() => toWireHeaders({ 'X-Any': folded }));
      }));
    });
  });

  describe('toWireHeaders', () => {
    it('should trim values, and send no headers for an empty record', () => {
      assert.deepEqual(toWireHeaders({ 'X-A': '  padded  ' }), { 'X-A': 'padded' });
      assert.equal(toWireHeaders({}), undefined);
      assert.equal(toWireHeaders(undefined), undefined);
    });

    it('should refuse a value with CR or LF and an invalid name, with the nats.js error', () => {
      assert.throws(() => toWireHeaders({ 'X-A': 'one\r\ntwo' }), invalidHeader);
      assert.throws(() => toWireHeaders({ 'bad name': 'x' }), invalidHeader);
    });

    it('should stay importable from the testing kit, where it was first', () => {
      assert.equal(fromTestingKit, toWireHeaders);
    });
  });
});
