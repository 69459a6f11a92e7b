import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createLogger, type WinstonLogger } from '../../src/index.js';
import { waitFor } from '../support/wait-for.js';
import { readLines, removeDir, tempDir } from './support.js';

const dirs: string[] = [];
function root(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
const messages = (r: string, file = 'app.log'): unknown[] => readLines(join(r, 'logs', file)).map((l) => l['message']);
const indexes = (r: string): number[] => readLines(join(r, 'logs', 'app.log')).filter((l) => typeof l['i'] === 'number').map((l) => l['i'] as number);

function workerLogger(r: string): WinstonLogger {
  return createLogger({ root: r, dir: 'logs', console: false, worker: true, service: 'w' });
}

describe('logging in a worker thread', () => {
  after(() => dirs.forEach(removeDir));

  describe('when a burst of lines is logged and the logger is closed', () => {
    it('should write every line, in order, before close resolves', async () => {
      const r = root();
      const logger = workerLogger(r);
      assert.ok(logger.workerThread, 'a worker thread runs');
      const log = logger.child('Burst');
      for (let i = 0; i < 5000; i++) log.info('line', { i });
      log.error('the end', new Error('boom', { cause: new Error('root cause') }));
      await logger.close();
      assert.deepEqual(indexes(r), Array.from({ length: 5000 }, (_, i) => i));
      const errors = readLines(join(r, 'logs', 'errors.log'));
      assert.equal(errors.length, 1);
      assert.deepEqual([errors[0]!['context'], errors[0]!['service']], ['Burst', 'w']);
      assert.equal(((errors[0]!['error'] as { cause: { message: string } }).cause).message, 'root cause');
      assert.equal(logger.workerThread, undefined);
    });
  });

  describe('when flush is awaited', () => {
    it('should have written every earlier line, and keep logging after', async () => {
      const r = root();
      const logger = workerLogger(r);
      for (let i = 0; i < 100; i++) logger.info('line', { i });
      await logger.flush();
      assert.equal(indexes(r).length, 100);
      logger.info('after flush');
      await logger.close();
      assert.equal(messages(r).at(-1), 'after flush');
    });
  });

  describe('when the worker dies', () => {
    it('should warn and go on logging on the main thread without losing a line', async () => {
      const r = root();
      const logger = workerLogger(r);
      for (let i = 0; i < 50; i++) logger.info('line', { i });
      await logger.flush();
      for (let i = 50; i < 100; i++) logger.info('line', { i });
      // killed with lines in flight: the ones it had not confirmed are written again on the main thread
      await logger.workerThread!.terminate();
      await waitFor(() => logger.workerThread === undefined, 'the fallback');
      for (let i = 100; i < 150; i++) logger.info('line', { i });
      await logger.close();
      assert.deepEqual([...new Set(indexes(r))].sort((a, b) => a - b), Array.from({ length: 150 }, (_, i) => i));
      const warning = readLines(join(r, 'logs', 'app.log')).find((l) => l['level'] === 'warn');
      assert.ok(warning, 'a warning line');
      assert.match(String(warning['message']), /the logging worker exited with code 1; logging on the main thread from now on/);
      assert.equal(warning['context'], 'Logging');
    });
  });

  describe('when a line is logged while the worker starts', () => {
    it('should not be lost', async () => {
      const r = root();
      const logger = workerLogger(r);
      logger.info('first');
      await logger.close();
      assert.deepEqual(messages(r), ['first']);
    });
  });
});
