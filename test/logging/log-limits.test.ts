import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createLogger, LoggingError } from '../../src/index.js';
import { formatJson } from '../../src/logging/log-format.js';
import { buildRecord, encodeRecord, fromWire } from '../../src/logging/log-record.js';
import { toLogValue } from '../../src/logging/redact.js';
import { readLines, removeDir, tempDir } from './support.js';

function nested(levels: number): Record<string, unknown> {
  let deep: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) deep = { deep };
  return deep;
}

/** The value `levels` steps down a chain of `{ deep }`. */
function down(v: unknown, levels: number): unknown {
  for (let i = 0; i < levels; i++) v = (v as { deep: unknown }).deep;
  return v;
}

describe('Log meta limits', () => {
  describe('when meta is larger than the default limits', () => {
    it('should keep 1000 items of an array and say how many were cut', () => {
      const out = toLogValue(Array.from({ length: 1500 }, (_, i) => i)) as unknown[];
      assert.equal(out.length, 1001);
      assert.deepEqual(out.slice(998), [998, 999, '…and 500 more items']);
    });

    it('should mark a Set, a Map and an AggregateError cut the same way', () => {
      const limits = { maxArrayItems: 2, maxDepth: 8, maxStringLength: 100 };
      assert.deepEqual(toLogValue(new Set([1, 2, 3, 4]), 0, undefined, limits), [1, 2, '…and 2 more items']);
      assert.deepEqual(toLogValue(new Map([['a', 1], ['b', 2], ['c', 3]]), 0, undefined, limits), { a: 1, b: 2, '…': 'and 1 more entries' });
      const agg = toLogValue(new AggregateError([new Error('a'), new Error('b'), new Error('c')], 'all'), 0, undefined, limits) as { errors: unknown[] };
      assert.equal(agg.errors.length, 3);
      assert.equal(agg.errors[2], '…and 1 more items');
    });

    it('should replace what lies below 8 levels by a marker naming the depth', () => {
      const out = toLogValue(nested(20));
      assert.equal(down(out, 8), '[Object cut at depth 8]');
      assert.deepEqual(toLogValue([[[[1, 2, 3]]]], 0, undefined, { maxArrayItems: 10, maxDepth: 3, maxStringLength: 10 }), [[['[Array(3) cut at depth 3]']]]);
    });

    it('should cut a long string and say how many characters went', () => {
      assert.equal(toLogValue('abcdefghij', 0, undefined, { maxArrayItems: 10, maxDepth: 3, maxStringLength: 4 }), 'abcd…[cut 6 chars]');
    });
  });

  describe('when the limits are set in the logging options', () => {
    for (const worker of [false, true]) {
      it(`should apply them and mark every cut${worker ? ' on the logging worker path' : ' on the main thread'}`, async () => {
        const root = tempDir();
        try {
          const logger = createLogger({ root, dir: 'logs', console: false, worker, meta: { maxArrayItems: 3, maxDepth: 4, maxStringLength: 5 } });
          logger.info('limited', { list: [1, 2, 3, 4, 5], deep: nested(6), text: 'abcdefgh' });
          await logger.close();
          const [line] = readLines(join(root, 'logs', 'app.log')).filter((l) => l['message'] === 'limited');
          assert.ok(line, 'the line was written');
          assert.deepEqual(line['list'], [1, 2, 3, '…and 2 more items']);
          assert.equal(down(line['deep'], 3), '[Object cut at depth 4]');
          assert.equal(line['text'], 'abcde…[cut 3 chars]');
        } finally {
          removeDir(root);
        }
      });
    }

    it('should give the same line on the record path and the straight-to-worker path', () => {
      const src = { service: 's', scoped: false, limits: { maxArrayItems: 2, maxDepth: 2, maxStringLength: 3 } };
      const meta = { list: [1, 2, 3], deep: nested(4), s: 'long string', err: new Error('e', { cause: nested(4) }) };
      const afterTime = (line: string): string => line.slice(line.indexOf('"level"'));
      const built = formatJson(buildRecord(src, 'A', 'info', 'm', meta));
      assert.equal(afterTime(formatJson(fromWire(encodeRecord(src, 'A', 'info', 'm', meta))[0]!)), afterTime(built));
      assert.match(built, /"list":\[1,2,"…and 1 more items"\]/);
      assert.match(built, /"s":"lon…\[cut 8 chars\]"/);
    });

    it('should refuse a limit that is not a whole number >= 1, naming it', () => {
      assert.throws(() => createLogger({ silent: true, meta: { maxDepth: 0 } }), (err: unknown) => err instanceof LoggingError && /'meta' field 'maxDepth' must be a whole number >= 1, got 0/.test(err.message));
      assert.throws(() => createLogger({ silent: true, meta: { maxItems: 5 } as never }), /'meta' has an unknown field 'maxItems' \(known: maxArrayItems, maxDepth, maxStringLength\)/);
    });
  });
});
