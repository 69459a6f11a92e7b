import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findDepthExcess, DEFAULT_MAX_DEPTH } from '../../src/pipeline/json-depth.js';
import { createJsonCodec, jsonCodec, MalformedPayloadError } from '../../src/pipeline/codec.js';
import { DecodeError } from '../../src/pipeline/errors.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);

/** The depth of a parsed value, computed the slow, obvious way. */
function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const children = Array.isArray(v) ? v : Object.values(v);
  return 1 + children.reduce<number>((m, c) => Math.max(m, depthOf(c)), 0);
}

describe('findDepthExcess', () => {
  it('should accept nesting up to the limit and point at the first bracket past it', () => {
    assert.equal(findDepthExcess(bytes(nested(3)), 3), -1);
    assert.equal(findDepthExcess(bytes(nested(4)), 3), 3);
    assert.equal(findDepthExcess(bytes('{"a":{"b":[1,{"c":2}]}}'), 3), 13);
  });

  it('should not count brackets inside strings, escaped quotes included', () => {
    assert.equal(findDepthExcess(bytes(`{"a":"${'['.repeat(50)}\\"${'{'.repeat(50)}"}`), 2), -1);
  });

  it('should agree with the depth of the parsed value for any JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 8 }), (value, max) => {
      const data = bytes(JSON.stringify(value));
      assert.equal(findDepthExcess(data, max) >= 0, depthOf(value) > max);
    }), { numRuns: 500 });
  });
});

describe('the json codec', () => {
  it('should refuse a body nested deeper than the default of 64 before parsing it', () => {
    assert.equal(DEFAULT_MAX_DEPTH, 64);
    assert.deepEqual(jsonCodec.decode(bytes(nested(64))), JSON.parse(nested(64)));
    assert.throws(() => jsonCodec.decode(bytes(nested(100_000))), (e: MalformedPayloadError) => e.message === 'JSON nested deeper than 64 levels (at byte 64)');
  });

  it('should take another limit, and refuse one that is not a whole number >= 1', () => {
    assert.doesNotThrow(() => createJsonCodec(200).decode(bytes(nested(200))));
    assert.throws(() => createJsonCodec(200).decode(bytes(nested(201))), MalformedPayloadError);
    assert.throws(() => createJsonCodec(0), RangeError);
    assert.throws(() => createJsonCodec(1.5), RangeError);
  });

  it('should say what is wrong without quoting the payload', () => {
    for (const body of ['secret-token-123', '{"password":"secret-token-123"', '{"a":"secret-token-123"} trailing']) {
      const err = new DecodeError('json', (() => { try { jsonCodec.decode(bytes(body)); } catch (e) { return e; } })());
      assert.match(err.message, /^malformed payload: cannot decode as json: not valid JSON/);
      assert.doesNotMatch(err.message, /secret|token|password|trailing/);
      assert.equal(err.cause, undefined);
      assert.equal(err.code, 400);
    }
  });

  it('should name only the class of an error thrown by a custom codec, or keep a ServiceError message', () => {
    assert.equal(new DecodeError('csv', new TypeError('bad row "secret"')).message, 'malformed payload: cannot decode as csv: the codec threw TypeError');
    assert.equal(new DecodeError('csv', new RangeError('Maximum call stack size exceeded')).message, 'malformed payload: cannot decode as csv: nested too deeply');
  });
});
