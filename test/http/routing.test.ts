import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Request, Response } from 'express';
import { IsInt, IsString, Min } from 'class-validator';
import { Module } from '../../src/index.js';
import { Body, Ctx, Delete, Get, Header, Headers, HttpCode, HttpContext, HttpController, Param, Patch, Post, Put, Query, Req, Res } from '../../src/http/index.js';
import { json, startHttpApp, type RunningHttpApp } from './support/http-app.js';

class CreateItemDto {
  @IsString() name!: string;
  @IsInt() @Min(1) qty!: number;
}

@HttpController('/items')
class ItemsController {
  @Get() list(@Query() q: Record<string, string>) { return { list: true, q }; }
  @Get('search') search(@Query('term') term: string, @Query('page') page: string) { return { term, page }; }
  @Get(':id') one(@Param('id') id: string) { return { id }; }
  @Get(':a/parts/:b') parts(@Param() params: Record<string, string>) { return params; }
  @Post() @HttpCode(201) create(@Body() dto: CreateItemDto) { return { created: dto, isDto: dto instanceof CreateItemDto }; }
  @Put(':id') replace(@Param('id') id: string, @Body('name') name: string) { return { id, name }; }
  @Patch(':id') patch(@Param('id') id: string, @Body() body: Record<string, unknown>) { return { id, body }; }
  @Delete(':id') remove() { return undefined; }
}

@HttpController('meta')
class MetaController {
  @Get('headers') headers(@Headers() all: Record<string, string>, @Headers('X-Tenant') tenant: string) { return { tenant, agent: typeof all['user-agent'] }; }
  @Get('req') req(@Req() req: Request) { return { ip: typeof req.ip, url: req.originalUrl }; }
  @Get('res') res(@Res() res: Response) { res.status(202).type('text/plain').send('by hand'); }
  @Get('res-passthrough') passthrough(@Res() res: Response) { res.setHeader('x-extra', 'yes'); return { ok: true }; }
  @Get('ctx') ctx(@Ctx() ctx: HttpContext) { ctx.setHeader('x-kind', ctx.kind); return { kind: ctx.kind, method: ctx.method, path: ctx.path, requestId: ctx.requestId }; }
  @Get('header') @Header('cache-control', 'max-age=60') cached() { return 'cached'; }
  @Get('bytes') bytes() { return new Uint8Array([1, 2, 3]); }
  @Post('plain') plain(body: unknown, ctx: HttpContext) { return { body, kind: ctx.kind }; }
}

@Module({ controllers: [ItemsController, MetaController] })
class ItemsModule {}

describe('HTTP routing', () => {
  let http: RunningHttpApp;
  before(async () => {
    http = await startHttpApp([ItemsModule], {}, {}, (app) => {
      app.http.get('/get', (_req, res) => { res.json({ plain: true }); });
    });
  });
  after(() => http.close());

  describe('when a controller method is routed', () => {
    it('should answer GET with the return value as JSON', async () => {
      const res = await http.fetch('/items/42');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.deepEqual(await res.json(), { id: '42' });
    });

    it('should route every method to its handler', async () => {
      const put = await http.fetch('/items/7', json('PUT', { name: 'bolt' }));
      assert.deepEqual(await put.json(), { id: '7', name: 'bolt' });
      const patch = await http.fetch('/items/7', json('PATCH', { qty: 2 }));
      assert.deepEqual(await patch.json(), { id: '7', body: { qty: 2 } });
      const del = await http.fetch('/items/7', { method: 'DELETE' });
      assert.equal(del.status, 204);
      assert.equal(await del.text(), '');
    });

    it('should prefer a route declared before a parameterised one', async () => {
      const res = await http.fetch('/items/search?term=bolt&page=2');
      assert.deepEqual(await res.json(), { term: 'bolt', page: '2' });
    });

    it('should answer with the status of @HttpCode and a validated DTO instance', async () => {
      const res = await http.fetch('/items', json('POST', { name: 'nut', qty: 3 }));
      assert.equal(res.status, 201);
      assert.deepEqual(await res.json(), { created: { name: 'nut', qty: 3 }, isDto: true });
    });
  });

  describe('when parameters are decorated', () => {
    it('should give @Query() the whole query and @Param() every path parameter', async () => {
      assert.deepEqual(await (await http.fetch('/items?a=1&b=x')).json(), { list: true, q: { a: '1', b: 'x' } });
      assert.deepEqual(await (await http.fetch('/items/3/parts/9')).json(), { a: '3', b: '9' });
    });

    it('should give @Headers() all headers and one header by name, case-insensitively', async () => {
      const res = await http.fetch('/meta/headers', { headers: { 'x-tenant': 'acme' } });
      assert.deepEqual(await res.json(), { tenant: 'acme', agent: 'string' });
    });

    it('should give @Req() the Express request', async () => {
      assert.deepEqual(await (await http.fetch('/meta/req?x=1')).json(), { ip: 'string', url: '/meta/req?x=1' });
    });

    it('should let a handler with @Res() that returns nothing answer by itself', async () => {
      const res = await http.fetch('/meta/res');
      assert.equal(res.status, 202);
      assert.equal(await res.text(), 'by hand');
    });

    it('should send the return value of a handler with @Res() that only set a header', async () => {
      const res = await http.fetch('/meta/res-passthrough');
      assert.equal(res.headers.get('x-extra'), 'yes');
      assert.deepEqual(await res.json(), { ok: true });
    });

    it('should give @Ctx() the HttpContext', async () => {
      const res = await http.fetch('/meta/ctx', { headers: { 'x-request-id': 'req-1' } });
      assert.equal(res.headers.get('x-kind'), 'http');
      assert.deepEqual(await res.json(), { kind: 'http', method: 'GET', path: '/meta/ctx', requestId: 'req-1' });
    });

    it('should give an undecorated handler (body, ctx)', async () => {
      const res = await http.fetch('/meta/plain', json('POST', { n: 1 }));
      assert.deepEqual(await res.json(), { body: { n: 1 }, kind: 'http' });
    });
  });

  describe('when a response is shaped by decorators or the return type', () => {
    it('should set the headers of @Header', async () => {
      const res = await http.fetch('/meta/header');
      assert.equal(res.headers.get('cache-control'), 'max-age=60');
      assert.equal(await res.json(), 'cached');
    });

    it('should send bytes as application/octet-stream', async () => {
      const res = await http.fetch('/meta/bytes');
      assert.equal(res.headers.get('content-type'), 'application/octet-stream');
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), new Uint8Array([1, 2, 3]));
    });
  });

  describe('when a request carries an x-request-id header, or none', () => {
    it('should echo the given id', async () => {
      const res = await http.fetch('/items/1', { headers: { 'x-request-id': 'abc-123' } });
      assert.equal(res.headers.get('x-request-id'), 'abc-123');
    });

    it('should generate an id when none or a malformed one is given', async () => {
      const none = (await http.fetch('/items/1')).headers.get('x-request-id');
      const bad = (await http.fetch('/items/1', { headers: { 'x-request-id': 'a b c' } })).headers.get('x-request-id');
      assert.match(none ?? '', /^[0-9a-f-]{36}$/);
      assert.match(bad ?? '', /^[0-9a-f-]{36}$/);
    });
  });

  describe('when no route matches', () => {
    it('should answer 404 with the error body', async () => {
      const res = await http.fetch('/nowhere');
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: { code: 404, message: 'no route for GET /nowhere' } });
    });
  });

  describe('when a plain route is added through app.http', () => {
    it('should serve it next to the controllers', async () => {
      const res = await http.fetch('/get');
      assert.deepEqual(await res.json(), { plain: true });
      assert.ok(res.headers.get('x-request-id'));
    });
  });
});
