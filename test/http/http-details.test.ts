import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Response as ExpressResponse } from 'express';
import { IsString } from 'class-validator';
import { Module, PaniniFactory } from '../../src/index.js';
import { Body, Ctx, Get, Header, HttpContext, HttpController, HttpModule, HttpServer, Post, Put, Res } from '../../src/http/index.js';
import { NullTransport } from '../support/null-transport.js';
import { CaptureLogger } from '../scheduler/support/capture.logger.js';
import { json, startHttpApp, type RunningHttpApp } from './support/http-app.js';

class NoteDto {
  @IsString() text!: string;
}

@HttpController('/notes')
class NotesController {
  @Get() list() { return ['a']; }
  @Post() create(@Body() dto: NoteDto) { return { text: dto.text }; }
  @Get(':id') one() { return 'note'; }
  @Put(':id') replace(@Body('text') text: string) { return { text }; }
  @Get('plain/header') @Header('Content-Type', 'text/plain') plainByHeader() { return 'hello "world"'; }
  @Get('plain/res') plainByRes(@Res() res: ExpressResponse) { res.type('text'); return 'by res.type'; }
  @Get('plain/ctx') plainByCtx(@Ctx() ctx: HttpContext) { ctx.setHeader('content-type', 'text/csv'); return 'a,b\n1,2'; }
  @Get('json/header') @Header('Content-Type', 'application/problem+json') problem() { return 'quoted'; }
  @Post('plain/header') @Header('Content-Type', 'text/plain') failing() { throw new Error('boom'); }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

describe('HTTP details', () => {
  let http: RunningHttpApp;
  before(async () => { http = await startHttpApp([NotesModule]); });
  after(() => http.close());

  describe('when a known path is asked with a method it does not answer', () => {
    it('should answer 405 with an Allow header listing the methods of the path', async () => {
      const res = await http.fetch('/notes', { method: 'DELETE' });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), 'GET, HEAD, POST');
      assert.deepEqual(await res.json(), { error: { code: 405, message: 'DELETE is not allowed on /notes; it answers GET, HEAD, POST' } });
    });

    it('should list the methods of every route matching the path', async () => {
      const res = await http.fetch('/notes/7', { method: 'PATCH' });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), 'GET, HEAD, PUT');
    });

    it('should still answer 404 for an unknown path', async () => {
      const res = await http.fetch('/nothing', { method: 'DELETE' });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('allow'), null);
    });
  });

  describe('when a handler returns a string and the response has a text content type', () => {
    it('should send the string as it is with the type set by @Header', async () => {
      const res = await http.fetch('/notes/plain/header');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; charset=utf-8$/);
      assert.equal(await res.text(), 'hello "world"');
    });

    it('should send it as it is with the type set by res.type() or ctx.setHeader()', async () => {
      const a = await http.fetch('/notes/plain/res');
      assert.match(a.headers.get('content-type') ?? '', /^text\/plain/);
      assert.equal(await a.text(), 'by res.type');
      const b = await http.fetch('/notes/plain/ctx');
      assert.match(b.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(await b.text(), 'a,b\n1,2');
    });

    it('should keep JSON-quoting a string under a JSON content type, and without one', async () => {
      assert.equal(await (await http.fetch('/notes/json/header')).text(), '"quoted"');
      const res = await http.fetch('/notes/3');
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(await res.text(), '"note"');
    });

    it('should send an error of such a route as JSON', async () => {
      const res = await http.fetch('/notes/plain/header', { method: 'POST' });
      assert.equal(res.status, 500);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(((await res.json()) as { error: { code: number } }).error.code, 500);
    });
  });

  describe('when a JSON body comes without a JSON content type', () => {
    it('should answer 415 naming the content type received and the one expected', async () => {
      const res = await http.fetch('/notes', { method: 'POST', body: JSON.stringify({ text: 'x' }), headers: { 'content-type': 'text/plain' } });
      assert.equal(res.status, 415);
      const body = (await res.json()) as { error: { code: number; message: string; details: unknown } };
      assert.equal(body.error.message, "POST /notes expects a JSON body with content-type 'application/json'; the request has content-type 'text/plain'");
      assert.deepEqual(body.error.details, { received: 'text/plain', expected: 'application/json' });
    });

    it('should say when the request has no content type at all', async () => {
      // fetch always sets a content type for a string body; a Blob without a type sends none
      const res = await http.fetch('/notes/1', { method: 'PUT', body: new Blob([JSON.stringify({ text: 'x' })]) });
      assert.equal(res.status, 415);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /PUT \/notes\/1 expects a JSON body .*; the request has no content-type$/);
    });

    it('should still validate a JSON body sent as JSON, and answer 400 for a missing body', async () => {
      const ok = await http.fetch('/notes', json('POST', { text: 'x' }));
      assert.deepEqual(await ok.json(), { text: 'x' });
      const missing = await http.fetch('/notes', { method: 'POST' });
      assert.equal(missing.status, 400);
    });
  });
});

describe('HTTP start-up log', () => {
  it('should show the address actually bound and the port chosen for port 0', async () => {
    const log = new CaptureLogger();
    const app = await PaniniFactory.create({ module: class Root {}, imports: [HttpModule.forRoot({ port: 0, host: '0.0.0.0' }), NotesModule] }, { transport: new NullTransport(), logging: log, handleSignals: false });
    await app.start();
    try {
      const port = app.get(HttpServer).address()!.port;
      assert.ok(port > 0);
      const line = log.lines.find((l) => l.message.startsWith('HTTP listening'));
      assert.equal(line?.message, `HTTP listening on 0.0.0.0:${port} (http://127.0.0.1:${port}): 9 route(s)`);
      assert.equal((await fetch(`http://127.0.0.1:${port}/notes`)).status, 200);
    } finally {
      await app.close();
    }
  });
});
