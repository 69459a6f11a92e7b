import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoggingError } from '../../src/index.js';
import { parseSize, resolveLogging } from '../../src/logging/resolve-logging.js';
import { removeDir, tempDir } from './support.js';

const dirs: string[] = [];
function appRoot(config?: string): string {
  const root = tempDir();
  dirs.push(root);
  if (config !== undefined) {
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'logging.json'), config);
  }
  return root;
}

describe('resolveLogging', () => {
  after(() => dirs.forEach(removeDir));

  describe('when nothing is set', () => {
    it('should log info to the console and write no files', () => {
      const r = resolveLogging({ root: appRoot() }, {});
      assert.equal(r.level, 'info');
      assert.equal(r.console, true);
      assert.equal(r.dir, undefined);
      assert.equal(r.worker, false);
      assert.equal(r.configFile, undefined);
      assert.equal(r.maxSize, 10 * 1024 * 1024);
      assert.equal(r.maxFiles, 5);
    });
  });

  describe('when LOG_LEVEL and LOG_FORMAT are set', () => {
    it('should use them unless the options in code say otherwise', () => {
      const root = appRoot();
      const env = { LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'json' };
      assert.deepEqual([resolveLogging({ root }, env).level, resolveLogging({ root }, env).format], ['debug', 'json']);
      assert.equal(resolveLogging({ root, level: 'warn', format: 'pretty' }, env).level, 'warn');
      assert.equal(resolveLogging({ root, level: 'warn', format: 'pretty' }, env).format, 'pretty');
    });
    it('should fail naming the variable when a value is invalid', () => {
      assert.throws(() => resolveLogging({ root: appRoot() }, { LOG_LEVEL: 'loud' }), (e: unknown) => e instanceof LoggingError && e.kind === 'invalid-option' && /LOG_LEVEL must be one of error, warn, info/.test(e.message));
      assert.throws(() => resolveLogging({ root: appRoot() }, { LOG_FORMAT: 'xml' }), /LOG_FORMAT must be 'pretty' or 'json'; got 'xml'/);
    });
  });

  describe('when config/logging.json exists at the app root', () => {
    it('should apply it, resolving dir from the root, below env and code options', () => {
      const root = appRoot(JSON.stringify({ level: 'debug', format: 'json', dir: 'logs', maxSize: '1MB', maxFiles: 2, worker: true }));
      const r = resolveLogging({ root }, {});
      assert.equal(r.configFile, join(root, 'config', 'logging.json'));
      assert.deepEqual([r.level, r.format, r.dir, r.maxSize, r.maxFiles, r.worker], ['debug', 'json', join(root, 'logs'), 1024 * 1024, 2, true]);
      assert.equal(resolveLogging({ root }, { LOG_LEVEL: 'warn' }).level, 'warn');
      assert.equal(resolveLogging({ root, level: 'error' }, { LOG_LEVEL: 'warn' }).level, 'error');
    });
    it('should fail with the file and the problem when it is not JSON', () => {
      const root = appRoot('{ "level": "info", }');
      assert.throws(() => resolveLogging({ root }, {}), (e: unknown) => {
        assert.ok(e instanceof LoggingError);
        assert.equal(e.kind, 'invalid-config-file');
        assert.equal(e.file, join(root, 'config', 'logging.json'));
        assert.match(e.message, new RegExp(`invalid logging config file ${join(root, 'config', 'logging.json')}: not valid JSON`));
        return true;
      });
    });
    it('should fail on an unknown option or a wrong value', () => {
      assert.throws(() => resolveLogging({ root: appRoot('{"lvl":"info"}') }, {}), /unknown option 'lvl' \(known: level, format/);
      assert.throws(() => resolveLogging({ root: appRoot('{"maxFiles":-1}') }, {}), /'maxFiles' must be a whole number >= 0; got -1/);
      assert.throws(() => resolveLogging({ root: appRoot('{"maxSize":"lots"}') }, {}), /'maxSize' must be a positive number of bytes or a size such as '10MB'; got 'lots'/);
      assert.throws(() => resolveLogging({ root: appRoot('[1]') }, {}), /expected a JSON object/);
    });
  });

  describe('when an option in code is invalid', () => {
    it('should fail before anything is opened', () => {
      assert.throws(() => resolveLogging({ root: appRoot(), level: 'loud' }, {}), (e: unknown) => e instanceof LoggingError && e.kind === 'invalid-option' && /'level' must be one of/.test(e.message));
    });
  });

  describe('parseSize', () => {
    it('should read bytes and sizes with units', () => {
      assert.deepEqual(['1024', '512KB', '10mb', '1g', '1.5k', 2048].map(parseSize), [1024, 512 * 1024, 10 * 1024 ** 2, 1024 ** 3, 1536, 2048]);
      assert.deepEqual(['', '0', '-1', '10 parsecs', 0, Number.NaN].map(parseSize), [undefined, undefined, undefined, undefined, undefined, undefined]);
    });
  });
});
