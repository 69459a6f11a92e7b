import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Module, ServiceError } from '../../src/index.js';
import { Body, Get, HttpController, Post, Query } from '../../src/http/index.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { json, startHttpApp, type RunningHttpApp } from './support/http-app.js';

class LineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}
class CreateOrderDto {
  @IsString() customer!: string;
  @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
}
class PageQuery {
  @Type(() => Number) @IsInt() @Min(1) page!: number;
}

@HttpController('orders')
class OrdersController {
  @Post() create(@Body() dto: CreateOrderDto) { return dto; }
  @Get('page') page(@Query() q: PageQuery) { return { page: q.page }; }
  @Get('missing/:id') missing() { throw new ServiceError(404, 'order 7 not found', { id: '7' }); }
  @Get('boom') boom() { throw new Error('db password is hunter2'); }
  @Get('odd-code') odd() { throw new ServiceError(0, 'no code'); }
  @Get('circular') circular() { const o: Record<string, unknown> = {}; o['self'] = o; return o; }
}

@Module({ controllers: [OrdersController] })
class OrdersModule {}

describe('HTTP error answers', () => {
  let http: RunningHttpApp;
  const log = new RecordingLogger();
  before(async () => {
    http = await startHttpApp([OrdersModule], { logging: log }, { bodyLimit: 256 }, (app) => {
      app.http.get('/plain-fail', () => { throw new ServiceError(418, 'short and stout'); });
    });
  });
  after(() => http.close());

  describe('when a body fails validation', () => {
    it('should answer 400 with every failing path in the error body', async () => {
      const res = await http.fetch('/orders', json('POST', { customer: 5, lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 0 }] }));
      assert.equal(res.status, 400);
      const body = await res.json() as { error: { code: number; message: string; details: Array<{ path: string }> } };
      assert.equal(body.error.code, 400);
      assert.equal(body.error.message, 'invalid body: customer, lines.1.qty');
      assert.deepEqual(body.error.details.map((d) => d.path), ['customer', 'lines.1.qty']);
    });

    it('should answer 400 when there is no body at all', async () => {
      const res = await http.fetch('/orders', { method: 'POST' });
      assert.equal(res.status, 400);
      assert.equal((await res.json() as { error: { code: number } }).error.code, 400);
    });

    it('should validate and convert a @Query() DTO', async () => {
      assert.deepEqual(await (await http.fetch('/orders/page?page=3')).json(), { page: 3 });
      const bad = await http.fetch('/orders/page?page=zero');
      assert.equal(bad.status, 400);
      assert.match((await bad.json() as { error: { message: string } }).error.message, /^invalid query: page/);
    });
  });

  describe('when the body is malformed JSON', () => {
    it('should answer 400 without calling the handler', async () => {
      const res = await http.fetch('/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"customer": ' });
      assert.equal(res.status, 400);
      const body = await res.json() as { error: { code: number; message: string } };
      assert.equal(body.error.code, 400);
      assert.match(body.error.message, /^malformed JSON body/);
    });
  });

  describe('when the body is larger than bodyLimit', () => {
    it('should answer 413', async () => {
      const res = await http.fetch('/orders', json('POST', { customer: 'x'.repeat(300), lines: [] }));
      assert.equal(res.status, 413);
      assert.deepEqual(await res.json(), { error: { code: 413, message: 'request body is larger than the limit of 256 bytes' } });
    });
  });

  describe('when a handler throws a ServiceError', () => {
    it('should answer with its code, message and details', async () => {
      const res = await http.fetch('/orders/missing/7');
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: { code: 404, message: 'order 7 not found', details: { id: '7' } } });
    });

    it('should answer 500 for a code HTTP cannot carry', async () => {
      const res = await http.fetch('/orders/odd-code');
      assert.equal(res.status, 500);
      assert.equal((await res.json() as { error: { code: number } }).error.code, 500);
    });
  });

  describe('when a handler throws an unexpected error', () => {
    it('should answer a bare 500 and log the error with its cause', async () => {
      const res = await http.fetch('/orders/boom');
      assert.equal(res.status, 500);
      const text = await res.text();
      assert.deepEqual(JSON.parse(text), { error: { code: 500, message: 'internal error' } });
      assert.ok(!text.includes('hunter2') && !text.includes('at '), 'neither the message nor the stack leaks');
      const line = log.lines.find((l) => l.level === 'error' && l.message.includes('OrdersController.boom'));
      assert.ok(line, 'the failure is logged');
      assert.equal(((line.meta as { error: Error }).error).message, 'db password is hunter2');
    });

    it('should answer 500 when the return value cannot be sent as JSON', async () => {
      const res = await http.fetch('/orders/circular');
      assert.equal(res.status, 500);
    });
  });

  describe('when a plain app.http route throws', () => {
    it('should answer with the same error body', async () => {
      const res = await http.fetch('/plain-fail');
      assert.equal(res.status, 418);
      assert.deepEqual(await res.json(), { error: { code: 418, message: 'short and stout' } });
    });
  });
});
