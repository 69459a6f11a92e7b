import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateBucket, validateKey } from '@nats-io/kv/internal';
import { JETSTREAM_BACKEND } from '../../../src/jetstream/backend.js';
import { KvBucket } from '../../../src/jetstream/kv/kv-bucket.js';
import { checkBucketName, checkKey } from '../../../src/jetstream/kv/kv-keys.js';
import { KvError } from '../../../src/jetstream/kv/kv.errors.js';
import { MemoryBroker, MemoryTransport } from '../../../src/testing/index.js';

const throws = (fn: () => void): boolean => {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
};

/** Strings made of the characters that matter to KV names, and any others. */
const name = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom('a', 'Z', '0', '-', '_', '/', '=', '.', '*', '>', ' ', 'é', '\n', '$'), { maxLength: 12 }).map((a) => a.join('')),
);

describe('KV names in the testing kit', () => {
  describe('when any string is used as a key or a bucket name', () => {
    it('should accept exactly the keys and bucket names nats.js accepts', () => {
      fc.assert(fc.property(name, (s) => {
        assert.equal(throws(() => checkKey('b', s)), throws(() => validateKey(s)), `key ${JSON.stringify(s)}`);
        assert.equal(throws(() => checkBucketName(s)), throws(() => validateBucket(s)), `bucket ${JSON.stringify(s)}`);
      }), { numRuns: 2_000 });
    });

    it('should store and read back a valid key, and refuse any other with an invalid-key error, on the memory broker', async () => {
      const broker = new MemoryBroker();
      const transport = new MemoryTransport({ broker });
      await transport.connect();
      const stores = transport[JETSTREAM_BACKEND]().stores!();
      await stores.ensureBucket({ name: 'keys' });
      const kv = new KvBucket<string>('keys', () => stores);
      try {
        await fc.assert(fc.asyncProperty(name, async (key) => {
          const valid = !throws(() => validateKey(key));
          const put = await kv.put(key, key).then(() => undefined, (e: unknown) => e);
          if (valid) {
            assert.equal(put, undefined, `put ${JSON.stringify(key)}`);
            assert.equal((await kv.get(key))?.value, key);
          } else {
            assert.ok(KvError.is(put, 'invalid-key') && put.key === key, `put ${JSON.stringify(key)}: ${String(put)}`);
          }
        }), { numRuns: 300 });
      } finally {
        await transport.close();
      }
    });
  });
});
