import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InboundMessage } from '../../src/index.js';
import type { HandlerRunner } from '../../src/internal.js';
import { RevisionWatcher, type RevisionWatch, type WatchableStore } from '../../src/jetstream/revision-watcher.js';
import { waitUntil } from '../../src/testing/index.js';
import { RecordingLogger } from '../support/recording-logger.js';

type Entry = { revision: number };

/** A watch that yields `revisions` and then ends (`end`) or stays open until stopped. */
function watch(revisions: number[], end: boolean): RevisionWatch<Entry> {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  return {
    stop,
    async *[Symbol.asyncIterator]() {
      for (const revision of revisions) yield { revision };
      if (!end) await stopped;
    },
  };
}

const message = (e: Entry): InboundMessage => ({ subject: `r.${e.revision}`, data: new Uint8Array(0) });

describe('RevisionWatcher', () => {
  describe('when the watch ends and the reopened one repeats an entry', () => {
    it('should reopen after the last revision handed over and hand every entry over once', async () => {
      const opened: Array<'last-values' | number> = [];
      const watches = [watch([1, 2, 3], true), watch([3, 4, 5], false)];
      const store: WatchableStore<Entry> = { lastRevision: async () => 0, watch: async (from) => { opened.push(from); return watches[opened.length - 1]!; } };
      const logger = new RecordingLogger();
      const watcher = new RevisionWatcher<Entry>({ what: 'the watch of W.on', fields: {}, initial: false, open: async () => store, message, concurrency: 1, log: logger, retryDelay: () => 1 });
      const handed: string[] = [];
      const runner = { onMessage: (m: InboundMessage) => { handed.push(m.subject); queueMicrotask(watcher.done); } } as unknown as HandlerRunner;
      await watcher.start(runner);
      await waitUntil(() => handed.length >= 5, { timeout: 5_000 });
      await watcher.stop();
      assert.deepEqual(handed, ['r.1', 'r.2', 'r.3', 'r.4', 'r.5']);
      assert.deepEqual(opened, [1, 4]);
      assert.equal(watcher.lastRevision, 5);
      assert.ok(logger.lines.some((l) => l.level === 'info' && /the watch of W\.on resumed after revision 3/.test(l.message)));
    });
  });

  describe('when the current entries are asked for', () => {
    it('should mark those up to the store\'s end at start as initial, the rest as changes, and resume from revisions after a reopen', async () => {
      const opened: Array<'last-values' | number> = [];
      const watches = [watch([2, 5], true), watch([7], false)];
      const store: WatchableStore<Entry> = { lastRevision: async () => 5, watch: async (from) => { opened.push(from); return watches[opened.length - 1]!; } };
      const seen: string[] = [];
      const watcher = new RevisionWatcher<Entry>({
        what: 'w', fields: {}, initial: true, open: async () => store, concurrency: 1, log: new RecordingLogger(), retryDelay: () => 1,
        message: (e, initial) => ({ subject: `${e.revision}${initial ? ' initial' : ''}`, data: new Uint8Array(0) }),
      });
      const runner = { onMessage: (m: InboundMessage) => { seen.push(m.subject); queueMicrotask(watcher.done); } } as unknown as HandlerRunner;
      await watcher.start(runner);
      await waitUntil(() => seen.length >= 3, { timeout: 5_000 });
      await watcher.stop();
      assert.deepEqual(seen, ['2 initial', '5 initial', '7']);
      assert.deepEqual(opened, ['last-values', 6]);
    });
  });

  describe('when the handler is slower than the watch', () => {
    it('should hand over no more than the concurrency at once', async () => {
      const store: WatchableStore<Entry> = { lastRevision: async () => 0, watch: async () => watch([1, 2, 3, 4, 5, 6], false) };
      const watcher = new RevisionWatcher<Entry>({ what: 'w', fields: {}, initial: false, open: async () => store, message, concurrency: 2, log: new RecordingLogger() });
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
      const opened: Array<'last-values' | number> = [];
      // the first watch still yields 7 after the disconnect (a consumer the server kept, perhaps past changes)
      let releaseStale!: () => void;
      const stale = new Promise<void>((r) => (releaseStale = r));
      let stopFirst!: () => void;
      const firstStopped = new Promise<void>((r) => (stopFirst = r));
      const first: RevisionWatch<Entry> = {
        stop: stopFirst,
        async *[Symbol.asyncIterator]() {
          yield { revision: 1 };
          yield { revision: 2 };
          await stale;
          yield { revision: 7 };
          await firstStopped;
        },
      };
      const watches = [first, watch([3, 4], false)];
      const store: WatchableStore<Entry> = { lastRevision: async () => 0, watch: async (from) => { opened.push(from); return watches[opened.length - 1]!; } };
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
      const watcher = new RevisionWatcher<Entry>({ what: 'the watch of W.on', fields: {}, initial: false, open: async () => store, message, concurrency: 1, log: logger, retryDelay: () => 1, status });
      const handed: string[] = [];
      const runner = { onMessage: (m: InboundMessage) => { handed.push(m.subject); queueMicrotask(watcher.done); } } as unknown as HandlerRunner;
      await watcher.start(runner);
      await waitUntil(() => handed.length >= 2, { timeout: 5_000 });
      push('disconnect');
      await waitUntil(() => logger.lines.some((l) => /the watch of W\.on lost its connection; it reopens after revision 2/.test(l.message)), { timeout: 5_000 });
      releaseStale();
      await new Promise((r) => setImmediate(r));
      assert.equal(opened.length, 1, 'no watch opens while the connection is away');
      push('reconnect');
      await waitUntil(() => handed.length >= 4, { timeout: 5_000 });
      await watcher.stop();
      assert.deepEqual(handed, ['r.1', 'r.2', 'r.3', 'r.4']);
      assert.deepEqual(opened, [1, 3]);
      assert.ok(logger.lines.some((l) => l.level === 'info' && /resumed after revision 2/.test(l.message)));
    });
  });
});
