import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ContainerError, Injectable, Module, type OnApplicationBootstrap, PaniniFactory, UseMiddleware, type PaniniApplication } from '../../src/index.js';
import { Get, HttpController, HttpModule, HttpServer, Param } from '../../src/http/index.js';
import { NullTransport } from '../support/null-transport.js';
import { startHttpApp } from './support/http-app.js';

async function startFails(controllers: Array<new () => unknown>): Promise<unknown> {
  @Module({ controllers })
  class BrokenModule {}
  return startHttpApp([BrokenModule]).then(async (h) => { await h.close(); return undefined; }, (err: unknown) => err);
}

describe('HTTP module start-up', () => {
  describe('when a @Param names no parameter of its path', () => {
    it('should fail to start, naming the method and the path', async () => {
      @HttpController('/a') class A { @Get(':id') get(@Param('key') key: string) { return key; } }
      const err = await startFails([A]);
      assert.ok(err instanceof ContainerError);
      assert.match(err.message, /A\.get: @Param\('key'\) has no ':key' in the path '\/a\/:id'/);
    });
  });

  describe('when two methods claim one route', () => {
    it('should fail to start, naming both', async () => {
      @HttpController('/b') class B { @Get('x') one() { return 1; } @Get('/x/') two() { return 2; } }
      const err = await startFails([B]);
      assert.ok(err instanceof ContainerError);
      assert.match(err.message, /B\.two and B\.one both answer GET \/b\/x/);
    });
  });

  describe('when an HTTP controller uses @UseMiddleware', () => {
    it('should fail to start and point to Express middleware', async () => {
      @HttpController('/c') @UseMiddleware(() => undefined) class C { @Get() get() { return 1; } }
      const err = await startFails([C]);
      assert.match((err as Error).message, /@UseMiddleware\(\) is for NATS handlers/);
    });
  });

  describe('when the port is taken', () => {
    it('should fail to start with the address in the message and close the transport', async () => {
      const blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      const port = (blocker.address() as { port: number }).port;
      const transport = new NullTransport();
      const app = await PaniniFactory.create({ module: class Root {}, imports: [HttpModule.forRoot({ port, host: '127.0.0.1' })] }, { transport, logging: { silent: true }, handleSignals: false });
      try {
        await assert.rejects(app.start(), new RegExp(`cannot listen for HTTP on 127.0.0.1:${port}: .*EADDRINUSE`));
        assert.equal(transport.state, 'closed');
      } finally {
        await new Promise((r) => blocker.close(r));
      }
    });
  });

  describe('when start-up fails after the HTTP server listens', () => {
    it('should close the HTTP server again', async () => {
      let url = '';
      @Injectable()
      class FailingBoot implements OnApplicationBootstrap {
        constructor(private readonly server: HttpServer) {}
        onApplicationBootstrap() { url = this.server.url; throw new Error('boot failed'); }
      }
      @Module({ providers: [FailingBoot] }) class FailingModule {}
      const app = await PaniniFactory.create({ module: class Root {}, imports: [HttpModule.forRoot({ port: 0, host: '127.0.0.1' }), FailingModule] }, { transport: new NullTransport(), logging: { silent: true }, handleSignals: false });
      await assert.rejects(app.start(), /boot failed/);
      assert.ok(url, 'the server was listening when the hook failed');
      await assert.rejects(fetch(`${url}/healthz`));
    });
  });

  describe('when app.http is used without the HTTP module', () => {
    it('should say which module to import', async () => {
      const app: PaniniApplication = await PaniniFactory.create({ module: class Root {} }, { transport: new NullTransport(), logging: { silent: true }, handleSignals: false });
      assert.throws(() => app.http, /HttpModule\.forRoot/);
    });
  });

  describe('when the app listens on port 0', () => {
    it('should expose the bound address and the routes', async () => {
      @HttpController('/d') class D { @Get(':id') get(@Param('id') id: string) { return id; } }
      @Module({ controllers: [D] }) class DModule {}
      const http = await startHttpApp([DModule]);
      try {
        const server = http.app.get(HttpServer);
        const address = server.address();
        assert.ok(address && address.port > 0);
        assert.equal(server.url, `http://127.0.0.1:${address.port}`);
        assert.deepEqual(server.routes.map((r) => `${r.httpMethod} ${r.path} ${r.name}`), ['get /d/:id D.get']);
      } finally {
        await http.close();
      }
    });
  });
});
