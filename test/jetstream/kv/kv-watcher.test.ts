import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KvStore, KvStoreEntry, KvStoreWatchOptions } from '../../../src/jetstream/store-backend.js';
import type { HandlerRunner } from '../../../src/internal.js';
import type { InboundMessage } from '../../../src/index.js';
import { KvWatcher } from '../../../src/jetstream/kv/kv-watcher.js';
import { waitUntil } from '../../../src/testing/index.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const entry = (revision: number): KvStoreEntry => ({
  bucket: 'b', key: `k.${revision}`, value: new TextEncoder().encode(String(revision)), created: new Date(), revision, operation: 'put',
});

/** A watch that yields `revisions` and then ends (`end`) or stays open until stopped. */
function watch(revisions: number[], end: boolean) {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  return {
    stop,
    async *[Symbol.asyncIterator]() {
      for (const r of revisions) yield entry(r);
      if (!end) await stopped;
    },
  };
}

describe('KvWatcher', () => {
  describe('when the watch ends (nats.js gave up its consumer) and the reopened one repeats a change', () => {
    it('should reopen after the last revision handed over and hand every change over once', async () => {
      const opened: KvStoreWatchOptions[] = [];
      const watches = [watch([1, 2, 3], true), watch([3, 4, 5], false)];
      const kv = {
        lastRevision: async () => 0,
        watch: async (o: KvStoreWatchOptions) => { opened.push(o); return watches[opened.length - 1]!; },
      } as unknown as KvStore;
      const logger = new RecordingLogger();
      const watcher = new KvWatcher({ name: 'W.on', spec: { bucket: 'b', key: '>', initial: false, operations: ['put', 'delete', 'purge'] }, open: async () => kv, concurrency: 1, log: logger, retryDelay: () => 1 });
      const handed: string[] = [];
      const runner = { onMessage: (m: InboundMessage) => { handed.push(m.subject); queueMicrotask(watcher.done); } } as unknown as HandlerRunner;
      await watcher.start(runner);
      await waitUntil(() => handed.length >= 5, { timeout: 5_000 });
      await watcher.stop();
      assert.deepEqual(handed, ['k.1', 'k.2', 'k.3', 'k.4', 'k.5']);
      assert.equal(opened[1]?.from, 4);
      assert.ok(logger.lines.some((l) => l.level === 'info' && /resumed after revision 3/.test(l.message)));
    });
  });

  describe('when the handler is slower than the watch', () => {
    it('should hand over no more than the concurrency at once', async () => {
      const kv = {
        lastRevision: async () => 0,
        watch: async () => watch([1, 2, 3, 4, 5, 6], false),
      } as unknown as KvStore;
      const watcher = new KvWatcher({ name: 'W.on', spec: { bucket: 'b', key: '>', initial: false, operations: ['put'] }, open: async () => kv, concurrency: 2, log: new RecordingLogger() });
      let running = 0;
      let most = 0;
      let done = 0;
      const runner = {
        onMessage: () => {
          most = Math.max(most, ++running);
          setImmediate(() => { running--; done++; watcher.done(); });
        },
      } as unknown as HandlerRunner;
      await watcher.start(runner);
      await waitUntil(() => done === 6, { timeout: 5_000 });
      await watcher.stop();
      assert.equal(most, 2);
    });
  });

  describe('when the connection is lost and comes back', () => {
    it('should drop the watch, hand over nothing it still yields, and reopen after the last revision once reconnected', async () => {
      const opened: KvStoreWatchOptions[] = [];
      // the first watch still yields 3 after the disconnect (a consumer the server kept, perhaps past changes)
      let releaseStale!: () => void;
      const stale = new Promise<void>((r) => (releaseStale = r));
      let stopFirst!: () => void;
      const firstStopped = new Promise<void>((r) => (stopFirst = r));
      const first = {
        stop: stopFirst,
        async *[Symbol.asyncIterator]() {
          yield entry(1);
          yield entry(2);
          await stale;
          yield entry(7);
          await firstStopped;
        },
      };
      const watches = [first, watch([3, 4], false)];
      const kv = {
        lastRevision: async () => 0,
        watch: async (o: KvStoreWatchOptions) => { opened.push(o); return watches[opened.length - 1]!; },
      } as unknown as KvStore;
      const pushed: Array<{ type: string }> = [];
      let wake: (() => void) | undefined;
      const push = (type: string) => { pushed.push({ type }); wake?.(); };
      const status = () => ({
        stop: () => push('end'),
        async *[Symbol.asyncIterator]() {
          for (;;) {
            while (pushed.length === 0) await new Promise<void>((r) => (wake = r));
            const s = pushed.shift()!;
            if (s.type === 'end') return;
            yield s;
          }
        },
      });
      const logger = new RecordingLogger();
      const watcher = new KvWatcher({ name: 'W.on', spec: { bucket: 'b', key: '>', initial: false, operations: ['put'] }, open: async () => kv, concurrency: 1, log: logger, retryDelay: () => 1, status });
      const handed: string[] = [];
      const runner = { onMessage: (m: InboundMessage) => { handed.push(m.subject); queueMicrotask(watcher.done); } } as unknown as HandlerRunner;
      await watcher.start(runner);
      await waitUntil(() => handed.length >= 2, { timeout: 5_000 });
      push('disconnect');
      await waitUntil(() => logger.lines.some((l) => /lost its connection; it reopens after revision 2/.test(l.message)), { timeout: 5_000 });
      releaseStale();
      await new Promise((r) => setImmediate(r));
      assert.equal(opened.length, 1, 'no watch opens while the connection is away');
      push('reconnect');
      await waitUntil(() => handed.length >= 4, { timeout: 5_000 });
      await watcher.stop();
      assert.deepEqual(handed, ['k.1', 'k.2', 'k.3', 'k.4']);
      assert.equal(opened[1]?.from, 3);
      assert.ok(logger.lines.some((l) => l.level === 'info' && /resumed after revision 2/.test(l.message)));
    });
  });
});
