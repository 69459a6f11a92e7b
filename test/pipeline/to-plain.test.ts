import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Exclude } from 'class-transformer';
import { toPlain } from '../../src/pipeline/validation.js';
import { jsonCodec } from '../../src/pipeline/codec.js';

class User {
  constructor(readonly name: string, password: string) { this.password = password; }
  @Exclude() password: string;
}

const roundTrip = (text: string): unknown => jsonCodec.decode(jsonCodec.encode(toPlain(JSON.parse(text))));

describe('toPlain', () => {
  it('should send plain objects with keys such as constructor, prototype and __proto__ exactly', () => {
    for (const text of ['{"constructor":"x","prototype":{"a":1}}', '{"__proto__":{"admin":true},"b":2}', '[{"constructor":{"name":"Evil"}},{"__proto__":[1]}]', '{"constructor":{"prototype":{"__proto__":null}}}']) {
      assert.equal(JSON.stringify(roundTrip(text)), JSON.stringify(JSON.parse(text)), text);
    }
  });

  it('should still apply class-transformer to class instances, alone, in arrays and nested arrays', () => {
    assert.deepEqual(toPlain(new User('ann', 'pw')), { name: 'ann' });
    assert.deepEqual(toPlain([{ constructor: 1 }, new User('bob', 'pw')] as unknown[]), [{ constructor: 1 }, { name: 'bob' }] as unknown[]);
    assert.deepEqual(toPlain([[new User('cy', 'pw')]]), [[{ name: 'cy' }]]);
  });

  it('should hand plain values back untouched (no copy on the hot path)', () => {
    const obj = { a: [1, 2] };
    const arr = [{ a: 1 }, 'x', null];
    assert.equal(toPlain(obj), obj);
    assert.equal(toPlain(arr), arr);
  });

  it('should round-trip any JSON value exactly', () => {
    const keys = fc.oneof(fc.constantFrom('constructor', 'prototype', '__proto__', 'toString', 'hasOwnProperty'), fc.string());
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('obj'), fc.array(tie('value'), { maxLength: 4 })),
      obj: fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(fc.property(json, (v) => {
      const text = JSON.stringify(v);
      assert.equal(JSON.stringify(roundTrip(text)), text);
    }), { numRuns: 300 });
  });
});
