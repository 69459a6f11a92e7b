import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractParams, parseSubject } from '../../src/scanner/subject-pattern.js';

describe('parseSubject', () => {
  describe('when the pattern has no named tokens', () => {
    it('should join prefix and pattern with a dot and name no tokens', () => {
      assert.deepEqual(parseSubject('orders', 'create'), { subject: 'orders.create', tokens: [] });
    });

    it('should keep NATS wildcards as they are', () => {
      assert.deepEqual(parseSubject('', 'orders.*.>'), { subject: 'orders.*.>', tokens: [] });
    });
  });

  describe('when the prefix or the pattern is empty', () => {
    it('should use the other one alone, without a stray dot', () => {
      assert.equal(parseSubject('', 'ping').subject, 'ping');
      assert.equal(parseSubject('health', '').subject, 'health');
    });
  });

  describe('when the pattern names tokens', () => {
    it('should subscribe with * in their place and remember their positions, prefix included', () => {
      assert.deepEqual(parseSubject('orders', '{id}.lines.{line}'), {
        subject: 'orders.*.lines.*',
        tokens: [{ index: 1, name: 'id' }, { index: 3, name: 'line' }],
      });
    });
  });

  describe('when a token is only partly a name', () => {
    it('should refuse it and say a token must be whole', () => {
      assert.throws(() => parseSubject('orders', 'id-{id}'), /token 'id-\{id\}' must be a whole token like '\{id\}'/);
      assert.throws(() => parseSubject('orders', '{id'), /must be a whole token/);
    });
  });

  describe('when a name is not an identifier', () => {
    it('should refuse it', () => {
      assert.throws(() => parseSubject('', 'a.{1st}'), /must be a whole token/);
    });
  });

  describe('when a name is used twice', () => {
    it('should refuse it, since @Param could not tell them apart', () => {
      assert.throws(() => parseSubject('a', '{id}.b.{id}'), /token name 'id' is used twice/);
    });
  });
});

describe('extractParams', () => {
  describe('when the subject has a value at every named position', () => {
    it('should map each name to its token', () => {
      const { tokens } = parseSubject('orders', '{id}.lines.{line}');
      assert.deepEqual(extractParams('orders.7.lines.2', tokens), { id: '7', line: '2' });
    });
  });

  describe('when there are no named tokens', () => {
    it('should return an empty record', () => {
      assert.deepEqual(extractParams('orders.7', []), {});
    });
  });

  describe('when the subject is shorter than a token position', () => {
    it('should give an empty string rather than undefined', () => {
      assert.deepEqual(extractParams('orders', [{ index: 3, name: 'id' }]), { id: '' });
    });
  });
});
