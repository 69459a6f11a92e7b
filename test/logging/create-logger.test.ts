import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import winston from 'winston';
import { createLogger, LoggingError, WinstonLogger } from '../../src/index.js';
import { readLines, removeDir, tempDir } from './support.js';

const dirs: string[] = [];
function root(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

describe('createLogger', () => {
  after(() => dirs.forEach(removeDir));

  describe('when files are enabled with dir', () => {
    it('should write every line to app.log and errors only to errors.log, as JSON lines with the child context', async () => {
      const r = root();
      const logger = createLogger({ root: r, dir: 'logs', console: false, service: 'orders' });
      const log = logger.child('OrdersService');
      log.info('order created', { id: 7 });
      log.warn('stock low', { sku: 'a' });
      log.error('payment failed', new Error('card declined'));
      await logger.close();
      const app = readLines(join(r, 'logs', 'app.log'));
      assert.deepEqual(app.map((l) => [l['level'], l['message'], l['context'], l['service']]), [
        ['info', 'order created', 'OrdersService', 'orders'],
        ['warn', 'stock low', 'OrdersService', 'orders'],
        ['error', 'payment failed', 'OrdersService', 'orders'],
      ]);
      assert.equal(app[0]!['id'], 7);
      const errors = readLines(join(r, 'logs', 'errors.log'));
      assert.deepEqual(errors.map((l) => l['message']), ['payment failed']);
      assert.match((errors[0]!['error'] as { stack: string }).stack, /^Error: card declined\n\s+at /);
    });

    it('should rotate by size and keep a bounded number of files', async () => {
      const r = root();
      const logger = createLogger({ root: r, dir: 'logs', console: false, maxSize: '2KB', maxFiles: 2 });
      for (let i = 0; i < 200; i++) logger.info('a line that takes some room in the file', { i });
      await logger.close();
      assert.deepEqual(readdirSync(join(r, 'logs')).sort(), ['app.log', 'app.log.1', 'app.log.2', 'errors.log']);
      const newest = readLines(join(r, 'logs', 'app.log'));
      assert.equal(newest.at(-1)!['i'], 199);
    });
  });

  describe('when no file option is given', () => {
    it('should write nothing to disk', async () => {
      const r = root();
      const cwdBefore = readdirSync(process.cwd()).sort();
      const logger = createLogger({ root: r, console: false });
      logger.error('an error', new Error('x'));
      logger.info('a line');
      await logger.close();
      assert.deepEqual(readdirSync(r), []);
      assert.deepEqual(readdirSync(process.cwd()).sort(), cwdBefore);
    });
  });

  describe('when the log folder cannot be created', () => {
    it('should fail at once, naming the folder', () => {
      const r = root();
      writeFileSync(join(r, 'file'), '');
      assert.throws(() => createLogger({ root: r, dir: 'file/logs', console: false }), (e: unknown) => {
        assert.ok(e instanceof LoggingError);
        assert.equal(e.kind, 'unwritable-dir');
        assert.match(e.message, new RegExp(`cannot write log files to ${join(r, 'file', 'logs')}: .*Choose a writable logging.dir`));
        return true;
      });
    });
  });

  describe('when a line is below the level', () => {
    it('should skip it, until the level is changed on winston', async () => {
      const r = root();
      const logger = createLogger({ root: r, dir: 'logs', console: false, level: 'info' });
      logger.debug('hidden');
      assert.equal(logger.isLevelEnabled('debug'), false);
      logger.winston.level = 'debug';
      logger.debug('shown');
      await logger.close();
      assert.deepEqual(readLines(join(r, 'logs', 'app.log')).map((l) => l['message']), ['shown']);
    });
  });

  describe('when meta holds secrets', () => {
    it('should never write them', async () => {
      const r = root();
      const logger = createLogger({ root: r, dir: 'logs', console: false });
      logger.info('connecting to nats://svc:hunter2@nats:4222', { options: { servers: 'nats://svc:hunter2@nats:4222', pass: 'hunter2', token: 'tok-secret', nkey: 'SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4' } });
      logger.error('auth failed', Object.assign(new Error('bad token tok-secret'), { token: 'tok-secret' }));
      await logger.close();
      const text = readFileSync(join(r, 'logs', 'app.log'), 'utf8');
      for (const secret of ['hunter2', 'SUAIBDPBAUTWCWBKIO6XHQ', '"tok-secret"']) assert.ok(!text.includes(secret), secret);
      assert.match(text, /"pass":"\*\*\*"/);
    });
  });

  describe('when a custom transport is added to the winston logger', () => {
    it('should receive each line with its fields', async () => {
      const r = root();
      const logger = createLogger({ root: r, console: false, service: 'svc' });
      const seen: Array<Record<string, unknown>> = [];
      logger.winston.add(new winston.transports.Stream({ stream: new (await import('node:stream')).Writable({ objectMode: true, write: (info: Record<string, unknown>, _e, cb) => { seen.push(info); cb(); } }) }));
      logger.child('Billing').info('invoice sent', { id: 1 });
      await logger.flush();
      assert.equal(seen.length, 1);
      assert.deepEqual([seen[0]!['level'], seen[0]!['message'], seen[0]!['service'], seen[0]!['context'], seen[0]!['id']], ['info', 'invoice sent', 'svc', 'Billing', 1]);
      assert.match(String(seen[0]!['timestamp']), /^\d{4}-\d\d-\d\dT/);
      await logger.close();
    });
  });

  for (const worker of [false, true]) {
    describe(`when a winston file transport is added${worker ? ' in worker mode' : ''}`, () => {
      it('should get JSON lines, written by the time close resolves', async () => {
        const r = root();
        const logger = createLogger({ root: r, console: false, worker, service: 'svc' });
        logger.winston.add(new winston.transports.File({ filename: join(r, 'audit.log'), level: 'warn' }));
        logger.child('Audit').warn('careful', { x: 1 });
        logger.info('not for the audit file');
        await logger.close();
        const lines = readLines(join(r, 'audit.log'));
        assert.deepEqual(lines.map((l) => [l['level'], l['message'], l['service'], l['context'], l['x']]), [['warn', 'careful', 'svc', 'Audit', 1]]);
      });
    });
  }

  describe('when wrapping a winston logger of your own', () => {
    it('should log through its transports with context and meta', async () => {
      const lines: string[] = [];
      const own = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Stream({ stream: new (await import('node:stream')).Writable({ write: (chunk: Buffer, _e, cb) => { lines.push(chunk.toString().trim()); cb(); } }) })] });
      const logger = new WinstonLogger(own).child('Mine');
      logger.info('hello', { a: 1 });
      await logger.flush();
      assert.equal(lines.length, 1);
      const line = JSON.parse(lines[0]!) as Record<string, unknown>;
      assert.deepEqual([line['level'], line['message'], line['context'], line['a']], ['info', 'hello', 'Mine', 1]);
    });
  });

  describe('when close is called twice', () => {
    it('should close once and resolve both times', async () => {
      const r = root();
      const logger = createLogger({ root: r, dir: 'logs', console: false });
      logger.info('before');
      await Promise.all([logger.close(), logger.close()]);
      await logger.flush();
      assert.deepEqual(readLines(join(r, 'logs', 'app.log')).map((l) => l['message']), ['before']);
    });
  });
});
