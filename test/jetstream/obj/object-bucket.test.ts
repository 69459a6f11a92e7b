import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { connect } from '@nats-io/transport-node';
import type { PaniniApplication } from '../../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../../src/testing/nats-server.js';
import { ObjectBucket } from '../../../src/jetstream/obj/object-bucket.js';
import { objectStoreToken } from '../../../src/jetstream/obj/inject-object-store.decorator.js';
import { storesApp } from '../kv/stores-app.js';

const MB = 1024 * 1024;

/** `size` bytes of a repeatable pattern, made piece by piece as the reader asks. */
async function* generated(size: number, piece = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < size; sent += piece) {
    const n = Math.min(piece, size - sent);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = (sent + i) * 31 % 251;
    yield b;
  }
}

// a full collection before each sample, so the samples count what is held, not garbage not yet collected
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Samples live heap plus array buffers while `fn` runs; resolves with the largest growth over the start, in bytes. */
async function peakGrowth(fn: () => Promise<void>): Promise<number> {
  const used = () => { gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
  const base = used();
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, used()); }, 100);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, used()) - base;
}

describe('ObjectBucket on a nats-server', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  let files: ObjectBucket;

  before(async () => {
    nats = await startNatsServer();
    app = await storesApp(nats.url, { objectStores: [{ name: 'files' }] });
    files = app.get<ObjectBucket>(objectStoreToken('files'));
  });
  after(async () => {
    await app?.close();
    await nats?.dispose();
  });

  describe('when a 50 MB object is put from a stream and read back', () => {
    it('should read the source only as fast as chunks are stored, and give the same bytes back while memory grows by far less than the object', async () => {
      const size = 50 * MB;
      const want = createHash('sha256');
      for await (const b of generated(size)) want.update(b);
      const digest = want.digest('hex');

      // every chunk the server accepts is also seen by a plain subscriber of the store's chunk subjects;
      // how far the source was read ahead of that is what a put holds in memory
      const watcher = await connect({ servers: nats.url });
      let stored = 0;
      const sub = watcher.subscribe('$O.files.C.>', { callback: (_e, m) => { stored += m.data.length; } });
      await watcher.flush();
      let read = 0;
      let mostAhead = 0;
      async function* counted(): AsyncGenerator<Uint8Array> {
        for await (const b of generated(size)) {
          mostAhead = Math.max(mostAhead, read - stored);
          read += b.length;
          yield b;
        }
      }
      let putInfo;
      try {
        putInfo = await files.put('big.bin', counted(), { description: 'fifty megabytes' });
      } finally {
        sub.unsubscribe();
        await watcher.close();
      }
      assert.equal(putInfo.size, size);
      assert.equal(read, size);
      // a chunk is 128 KiB: the source is never more than a few chunks ahead of the server, whatever the object's size
      assert.ok(mostAhead <= 2 * MB, `put read ${(mostAhead / MB).toFixed(1)} MB ahead of what the server stored`);

      const got = createHash('sha256');
      let bytes = 0;
      const getGrowth = await peakGrowth(async () => {
        const found = await files.get('big.bin');
        assert.ok(found);
        assert.equal(found.info.size, size);
        for await (const chunk of found.data) {
          got.update(chunk);
          bytes += chunk.length;
        }
      });
      assert.equal(bytes, size);
      assert.equal(got.digest('hex'), digest);
      // what stays is a few chunks and the socket's buffers (measured 4 to 20 MB), whatever the object's size
      assert.ok(getGrowth < 25 * MB, `get grew memory by ${(getGrowth / MB).toFixed(1)} MB`);
    });
  });

  describe('when objects are listed, described and deleted', () => {
    it('should show what is stored and forget a deleted object', async () => {
      await files.put('a.txt', 'hello', { metadata: { owner: 'ann' } });
      await files.put('empty', new Uint8Array(0));
      const info = await files.info('a.txt');
      assert.equal(info?.size, 5);
      assert.deepEqual(info?.metadata, { owner: 'ann' });
      const read = await files.get('a.txt');
      assert.equal(new TextDecoder().decode(new Uint8Array(await new Response(read!.data).arrayBuffer())), 'hello');
      const empty = await files.get('empty');
      assert.equal((await new Response(empty!.data).arrayBuffer()).byteLength, 0);
      assert.ok((await files.list()).map((o) => o.name).includes('a.txt'));
      assert.equal(await files.delete('a.txt'), true);
      assert.equal(await files.delete('a.txt'), false);
      assert.equal(await files.info('a.txt'), undefined);
      assert.equal(await files.get('a.txt'), undefined);
      assert.equal((await files.list()).some((o) => o.name === 'a.txt'), false);
    });
  });

  describe('when a reader stops early', () => {
    it('should let it cancel the stream and read the object again later', async () => {
      await files.put('partial', generated(2 * MB));
      const first = await files.get('partial');
      const reader = first!.data.getReader();
      await reader.read();
      await reader.cancel();
      const again = await files.get('partial');
      assert.equal((await new Response(again!.data).arrayBuffer()).byteLength, 2 * MB);
    });
  });
});
