import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidSubjectError } from '../../src/index.js';
import { checkSubject } from '../../src/transport/subject-rules.js';

const refusal = (subject: string, wildcards: boolean): string | undefined => {
  try {
    checkSubject(subject, wildcards);
    return undefined;
  } catch (err) {
    assert.ok(InvalidSubjectError.is(err));
    assert.equal(err.subject, subject);
    return err.message;
  }
};

describe('checkSubject', () => {
  describe('when publishing to a well-formed subject', () => {
    it('should accept it', () => {
      for (const s of ['orders', 'orders.created', 'a.b-c.d_e.$SRV', 'x'.repeat(300)]) assert.equal(refusal(s, false), undefined, s);
    });
  });

  describe('when publishing with a wildcard', () => {
    it('should refuse it, since wildcards are only for subscriptions', () => {
      assert.match(refusal('orders.*', false)!, /wildcards are only for subscriptions/);
      assert.match(refusal('orders.>', false)!, /wildcards are only for subscriptions/);
    });
  });

  describe('when subscribing with wildcards', () => {
    it('should accept * anywhere and > as the last token', () => {
      for (const s of ['*', '>', 'orders.*', 'orders.*.lines.>', '*.*']) assert.equal(refusal(s, true), undefined, s);
    });

    it('should refuse > before the last token', () => {
      assert.match(refusal('orders.>.x', true)!, /'>' must be the last token/);
    });

    it('should treat * and > inside a longer token as plain characters, as NATS does', () => {
      assert.equal(refusal('orders.a*.b>', true), undefined);
    });
  });

  describe('when the subject is empty or has an empty token', () => {
    it('should name the problem', () => {
      assert.match(refusal('', false)!, /it is empty/);
      for (const s of ['.a', 'a.', 'a..b']) assert.match(refusal(s, true)!, /empty token/, s);
    });
  });

  describe('when the subject holds white space', () => {
    it('should refuse every kind of it', () => {
      for (const ws of [' ', '\t', '\n', '\r', '\v', '\f']) assert.match(refusal(`a${ws}b`, false)!, /white space/, JSON.stringify(ws));
    });
  });

  describe('when the same subject is checked again after it was refused', () => {
    it('should refuse it again (only valid subjects are remembered)', () => {
      assert.ok(refusal('bad subject', false));
      assert.ok(refusal('bad subject', false));
    });
  });
});
