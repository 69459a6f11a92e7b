import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IsInt, IsString, Min } from 'class-validator';
import { valueCodec } from '../../../src/jetstream/kv/kv-value.js';
import { KvError } from '../../../src/jetstream/kv/kv.errors.js';

class Cart {
  @IsString() owner!: string;
  @IsInt() @Min(0) items!: number;
}

describe('reading a stored value', () => {
  describe('when the bucket holds any bytes at all (written by hand, another client, an old version)', () => {
    it('should give a valid Cart or a KvError invalid-value naming the key, nothing else', async () => {
      const codec = valueCodec({ type: Cart });
      const stored = fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
        fc.record({ owner: fc.oneof(fc.string(), fc.integer()), items: fc.oneof(fc.integer(), fc.string(), fc.constant(null)) }).map((v) => new TextEncoder().encode(JSON.stringify(v))),
      );
      await fc.assert(fc.asyncProperty(stored, async (bytes) => {
        try {
          const cart = await codec.read('carts', 'cart.1', bytes);
          assert.ok(cart instanceof Cart);
          assert.equal(typeof cart.owner, 'string');
          assert.ok(Number.isInteger(cart.items) && cart.items >= 0);
        } catch (err) {
          assert.ok(KvError.is(err, 'invalid-value'), String(err));
          assert.equal(err.key, 'cart.1');
          assert.equal(err.bucket, 'carts');
        }
      }), { numRuns: 300 });
    });
  });

  describe('when a value is written and read back', () => {
    it('should give an equal Cart', async () => {
      const codec = valueCodec({ type: Cart });
      await fc.assert(fc.asyncProperty(fc.string(), fc.nat(), async (owner, items) => {
        const back = await codec.read('carts', 'k', codec.write({ owner, items }));
        assert.deepEqual({ ...back }, { owner, items });
      }), { numRuns: 100 });
    });
  });
});
