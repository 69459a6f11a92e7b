import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerError, Controller, Module, PaniniFactory, Subject } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';
import { Get, HttpController, Post } from '../../src/http/index.js';
import { NullTransport } from '../support/null-transport.js';
import { startHttpApp } from './support/http-app.js';

async function startFails(controllers: Array<new () => unknown>): Promise<ContainerError> {
  @Module({ controllers })
  class BrokenModule {}
  const err = await startHttpApp([BrokenModule]).then(async (h) => { await h.close(); return undefined; }, (e: unknown) => e);
  assert.ok(err instanceof ContainerError, `expected a ContainerError, got ${String(err)}`);
  return err;
}

describe('HTTP route pattern errors', () => {
  describe('when a route uses the Express 4 wildcard *', () => {
    it('should fail start-up naming the class, the method and the path, with the Express 5 spelling', async () => {
      @HttpController('/files') class FilesController { @Get('*') all() { return 1; } }
      const err = await startFails([FilesController]);
      assert.match(err.message, /^FilesController\.all: the route path '\/files\/\*' \(GET\) is not valid in Express 5: Missing parameter name/);
      assert.match(err.message, /write '\/\*splat' instead of '\*'/);
      assert.ok(err.cause instanceof TypeError && /Missing parameter name/.test(err.cause.message), 'the router error is kept as the cause');
    });
  });

  describe('when a route uses an Express 4 optional parameter', () => {
    it('should show how to write the optional part in braces', async () => {
      @HttpController('/dl') class DownloadController { @Post(':file.:ext?') get() { return 1; } }
      const err = await startFails([DownloadController]);
      assert.match(err.message, /^DownloadController\.get: the route path '\/dl\/:file\.:ext\?' \(POST\)/);
      assert.match(err.message, /'\/:file\{\.:ext\}' instead of '\/:file\.:ext\?'/);
      assert.ok(err.cause instanceof Error);
    });
  });

  describe('when a route uses a regular expression', () => {
    it('should say Express 5 has none and keep the cause', async () => {
      @HttpController('/n') class NumbersController { @Get(':id(\\d+)') get() { return 1; } }
      const err = await startFails([NumbersController]);
      assert.match(err.message, /^NumbersController\.get: .*Unexpected \(.*Express 5 has no regular expressions in paths/);
    });
  });
});

describe('An @HttpController in an app without the HTTP module', () => {
  it('should fail start-up before connecting, naming the class, its module and the import to add', async () => {
    @HttpController('/orders') class OrdersHttpController { @Get() list() { return []; } }
    @Module({ controllers: [OrdersHttpController] }) class OrdersModule {}
    const transport = new NullTransport();
    // create() succeeds, so tools that only read the app's metadata (panini info) still work
    const app = await PaniniFactory.create(OrdersModule, { transport, logging: { silent: true }, handleSignals: false });
    await assert.rejects(app.start(), (err: unknown) => {
      assert.ok(err instanceof ContainerError);
      assert.equal(err.kind, 'invalid-module');
      assert.equal(err.message, "OrdersHttpController in the controllers of OrdersModule is served by the HTTP server, which this app does not start: import HttpModule.forRoot() from '@panini/core/http' in the app module");
      return true;
    });
    assert.equal(transport.state, 'closed');
  });
});

describe('HTTP module options Express refuses', () => {
  for (const [name, options, pattern] of [
    ['trustProxy', { trustProxy: 'proxy.local' }, /^HttpModule\.forRoot\(\{ trustProxy: "proxy\.local" \}\): invalid IP address: proxy\.local; expected true, a hop count/],
    ['bodyLimit', { bodyLimit: 'lots' }, /^HttpModule\.forRoot\(\{ bodyLimit: "lots" \}\): option limit "lots" is invalid; expected a number of bytes or a size such as '1mb'/],
  ] as const) {
    it(`should fail naming the option ${name} and keep Express's error as cause`, async () => {
      const err = await startHttpApp([], {}, options).then(async (h) => { await h.close(); return undefined; }, (e: unknown) => e);
      assert.ok(err instanceof ContainerError, `expected a ContainerError, got ${String(err)}`);
      assert.match(err.message, pattern);
      assert.ok(err.cause instanceof Error);
    });
  }
});

describe('A testing module of a feature module with an @HttpController, without the HTTP module', () => {
  it('should start, so the NATS side can be tested alone', async () => {
    @HttpController('/stock') class StockHttpController { @Get() list() { return []; } }
    @Controller('stock') class StockController { @Subject('count') count() { return 3; } }
    @Module({ controllers: [StockHttpController, StockController] }) class StockModule {}
    const app = await Test.createTestingModule({ imports: [StockModule] }).compile();
    try {
      assert.equal(await app.request('stock.count', {}), 3);
    } finally {
      await app.close();
    }
  });
});
