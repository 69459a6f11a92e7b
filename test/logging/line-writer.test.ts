import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineWriter } from '../../src/logging/line-writer.js';
import { removeDir, tempDir } from './support.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
const line = (i: number): string => `line ${String(i).padStart(4, '0')} ${'x'.repeat(39)}`; // 50 bytes with the newline

describe('LineWriter', () => {
  after(() => dirs.forEach(removeDir));

  describe('when a file grows past maxSize', () => {
    it('should rotate to .1 .. .maxFiles, keep no more, and never split a line', () => {
      const d = dir();
      const w = new LineWriter({ path: join(d, 'app.log'), maxSize: 500, maxFiles: 3, flush: 'manual' });
      for (let i = 0; i < 100; i++) w.append(line(i));
      w.close();
      assert.deepEqual(readdirSync(d).sort(), ['app.log', 'app.log.1', 'app.log.2', 'app.log.3']);
      for (const f of readdirSync(d)) assert.ok(statSync(join(d, f)).size <= 500, f);
      const newest = readFileSync(join(d, 'app.log'), 'utf8').split('\n').filter(Boolean);
      assert.equal(newest.at(-1), line(99));
      const kept = ['app.log.3', 'app.log.2', 'app.log.1', 'app.log'].flatMap((f) => readFileSync(join(d, f), 'utf8').split('\n').filter(Boolean));
      assert.deepEqual(kept, Array.from({ length: 40 }, (_, i) => line(60 + i)));
    });
    it('should count what the file held before it was opened', () => {
      const d = dir();
      let w = new LineWriter({ path: join(d, 'app.log'), maxSize: 500, maxFiles: 1, flush: 'manual' });
      for (let i = 0; i < 9; i++) w.append(line(i));
      w.close();
      w = new LineWriter({ path: join(d, 'app.log'), maxSize: 500, maxFiles: 1, flush: 'manual' });
      w.append(line(9));
      w.append(line(10));
      w.close();
      assert.equal(readFileSync(join(d, 'app.log.1'), 'utf8').split('\n').filter(Boolean).length, 10);
      assert.equal(readFileSync(join(d, 'app.log'), 'utf8'), `${line(10)}\n`);
    });
    it('should start over in the same file when maxFiles is 0', () => {
      const d = dir();
      const w = new LineWriter({ path: join(d, 'app.log'), maxSize: 100, maxFiles: 0, flush: 'manual' });
      for (let i = 0; i < 5; i++) w.append(line(i));
      w.close();
      assert.deepEqual(readdirSync(d), ['app.log']);
      assert.equal(readFileSync(join(d, 'app.log'), 'utf8'), `${line(4)}\n`);
    });
  });

  describe("when flushing is left to the event loop ('soon')", () => {
    it('should have written every line after one turn', async () => {
      const d = dir();
      const w = new LineWriter({ path: join(d, 'a.log'), flush: 'soon' });
      w.append('one');
      w.append('two');
      assert.equal(readFileSync(join(d, 'a.log'), 'utf8'), '');
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(readFileSync(join(d, 'a.log'), 'utf8'), 'one\ntwo\n');
      w.close();
    });
  });

  describe('when a write fails', () => {
    it('should report it once, drop those lines and not throw', () => {
      const d = dir();
      const errors: string[] = [];
      const w = new LineWriter({ path: join(d, 'a.log'), flush: 'manual', onError: (err) => errors.push((err as NodeJS.ErrnoException).code ?? '') });
      w.close();
      const broken = new LineWriter({ fd: 987_654, flush: 'immediate', onError: (err) => errors.push((err as NodeJS.ErrnoException).code ?? '') });
      broken.append('a');
      broken.append('b');
      assert.deepEqual(errors, ['EBADF']);
    });
  });
});
