import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Controller, Injectable, MessageContext, Module, NatsClient, RemoteError, Subject, UseFilters, UseGuards, UseInterceptors,
  type ExceptionFilter, type Guard, type Interceptor, type Next,
} from '../../src/index.js';
import { Get, HttpContext, HttpController } from '../../src/http/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { startHttpApp, type RunningHttpApp } from './support/http-app.js';

@Injectable()
class Tokens { valid(token: string | undefined) { return token === 's3cret'; } }

/** One guard for both transports: it reads the token where each transport carries it. */
@Injectable()
class TokenGuard implements Guard<MessageContext | HttpContext> {
  constructor(private readonly tokens: Tokens) {}
  canActivate(ctx: MessageContext | HttpContext) {
    const token = ctx.kind === 'http' ? ctx.req.get('x-token') : ctx.headers['x-token'];
    return this.tokens.valid(token);
  }
}

class Envelope implements Interceptor<HttpContext> {
  async intercept(ctx: HttpContext, next: Next) { return { data: await next(), path: ctx.path }; }
}

class OutOfStock extends Error {}
class Teapot extends Error {}
class StockFilter implements ExceptionFilter<HttpContext> {
  catch(error: unknown) { return error instanceof OutOfStock ? { code: 409, message: `out of stock: ${error.message}` } : undefined; }
}

const calls: string[] = [];

@HttpController('/stock')
@UseGuards(TokenGuard)
class StockHttpController {
  @Get('open') open() { calls.push('http'); return 'open'; }
  @Get('wrapped') @UseInterceptors(Envelope) wrapped() { return 7; }
  @Get('sold-out') @UseFilters(StockFilter) soldOut() { throw new OutOfStock('bolt'); }
  @Get('swallowed') @UseFilters(() => null) swallowed() { throw new Error('ignored'); }
  @Get('teapot') teapot() { throw new Teapot(); }
}

@Controller('stock')
@UseGuards(TokenGuard)
class StockNatsController {
  @Subject('open') open() { calls.push('nats'); return 'open'; }
}

@Module({ controllers: [StockHttpController, StockNatsController], providers: [Tokens, TokenGuard] })
class StockModule {}

const token = { 'x-token': 's3cret' };

describe('HTTP guards, interceptors and filters', () => {
  let nats: NatsServerHandle;
  let http: RunningHttpApp;
  before(async () => {
    nats = await startNatsServer();
    http = await startHttpApp([StockModule], { servers: nats.url }, {
      interceptors: [async (ctx: HttpContext, next: Next) => { ctx.setHeader('x-module-interceptor', 'yes'); return next(); }],
      filters: [(error: unknown) => (error instanceof Teapot ? { code: 418, message: 'teapot' } : undefined)],
    });
  });
  after(async () => {
    await http?.close();
    await nats?.dispose();
  });

  describe('when one guard class serves an HTTP and a NATS controller', () => {
    it('should answer 403 to an HTTP request it refuses, without calling the handler', async () => {
      calls.length = 0;
      const res = await http.fetch('/stock/open');
      assert.equal(res.status, 403);
      const body = await res.json() as { error: { code: number } };
      assert.equal(body.error.code, 403);
      assert.deepEqual(calls, []);
    });

    it('should let an HTTP request with the token through', async () => {
      const res = await http.fetch('/stock/open', { headers: token });
      assert.equal(res.status, 200);
    });

    it('should guard the NATS handler the same way', async () => {
      calls.length = 0;
      const client = http.app.get(NatsClient);
      await assert.rejects(client.request('stock.open', {}), (e: unknown) => e instanceof RemoteError && e.code === 403);
      assert.equal(await client.request('stock.open', {}, { headers: token }), 'open');
      assert.deepEqual(calls, ['nats']);
    });
  });

  describe('when interceptors wrap a route', () => {
    it('should run the module interceptor around the method interceptor and send the changed result', async () => {
      const res = await http.fetch('/stock/wrapped', { headers: token });
      assert.equal(res.headers.get('x-module-interceptor'), 'yes');
      assert.deepEqual(await res.json(), { data: 7, path: '/stock/wrapped' });
    });
  });

  describe('when filters map errors', () => {
    it('should answer with the reply of the method filter', async () => {
      const res = await http.fetch('/stock/sold-out', { headers: token });
      assert.equal(res.status, 409);
      assert.deepEqual(await res.json(), { error: { code: 409, message: 'out of stock: bolt' } });
    });

    it('should fall back to the module filter', async () => {
      const res = await http.fetch('/stock/teapot', { headers: token });
      assert.equal(res.status, 418);
    });

    it('should answer 204 when a filter swallows the error', async () => {
      const res = await http.fetch('/stock/swallowed', { headers: token });
      assert.equal(res.status, 204);
    });
  });
});
