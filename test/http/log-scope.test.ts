import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Injectable, Logger, Module, currentScope, type LogMeta, type LogScope } from '../../src/index.js';
import { Body, Get, HttpController, Param, Post } from '../../src/http/index.js';
import { json, startHttpApp, type RunningHttpApp } from './support/http-app.js';

interface ScopedLine { message: string; scope: LogScope | undefined }

/** Keeps each line with the log scope that was active when it was logged. */
class ScopeLogger extends Logger {
  constructor(readonly lines: ScopedLine[] = []) { super(); }
  private keep(message: string): void { const s = currentScope(); this.lines.push({ message, scope: s && { service: s.service, requestId: s.requestId, method: s.method, path: s.path } }); }
  error(message: string, _meta?: LogMeta | Error): void { this.keep(message); }
  warn(message: string, _meta?: LogMeta | Error): void { this.keep(message); }
  info(message: string, _meta?: LogMeta): void { this.keep(message); }
  debug(message: string, _meta?: LogMeta): void { this.keep(message); }
  child(): Logger { return this; }
}

@Injectable()
class Audit {
  constructor(private readonly log: Logger) {}
  async record(what: string) { await new Promise((r) => setImmediate(r)); this.log.info(`audit ${what}`); }
}

@HttpController('/audit')
class AuditController {
  constructor(private readonly audit: Audit) {}
  @Get(':what') async get(@Param('what') what: string) { await this.audit.record(what); return 'ok'; }
  @Post() async post(@Body() body: { what: string }) { await this.audit.record(body.what); return 'ok'; }
}

@Module({ controllers: [AuditController], providers: [Audit] })
class AuditModule {}

describe('HTTP log scope', () => {
  let http: RunningHttpApp;
  const log = new ScopeLogger();
  before(async () => {
    http = await startHttpApp([AuditModule], { name: 'audit-svc', logging: log }, {}, (app) => {
      const plain = app.logger.child('plain');
      app.http.post('/plain', (_req, res) => { plain.info('plain route'); res.json('ok'); });
    });
  });
  after(() => http.close());

  describe('when a handler logs while handling a request', () => {
    it('should carry the service, request id, method and path', async () => {
      await http.fetch('/audit/a1', { headers: { 'x-request-id': 'rid-1' } });
      const line = log.lines.find((l) => l.message === 'audit a1');
      assert.deepEqual(line?.scope, { service: 'audit-svc', requestId: 'rid-1', method: 'GET', path: '/audit/a1' });
    });

    it('should keep the scope across the JSON body parser', async () => {
      await http.fetch('/audit', json('POST', { what: 'b2' }, { 'x-request-id': 'rid-2' }));
      const line = log.lines.find((l) => l.message === 'audit b2');
      assert.deepEqual(line?.scope, { service: 'audit-svc', requestId: 'rid-2', method: 'POST', path: '/audit' });
    });
  });

  describe('when a plain app.http route logs', () => {
    it('should carry the request scope too', async () => {
      await http.fetch('/plain', json('POST', {}, { 'x-request-id': 'rid-3' }));
      const line = log.lines.find((l) => l.message === 'plain route');
      assert.equal(line?.scope?.requestId, 'rid-3');
    });
  });
});
