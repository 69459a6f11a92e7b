import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Controller, Module, NoRespondersError, PaniniFactory, Subject, type PaniniApplication, type PaniniOptions } from '../../src/index.js';
import { MemoryTransport } from '../../src/testing/index.js';

@Controller('orders')
class OrdersController {
  @Subject('create') create() { return 'ok'; }
  @Subject('other') @Subject('other.alias') other() { return 'ok'; }
}
@Module({ controllers: [OrdersController] })
class OrdersModule {}

@Controller('bad')
class BadEndpointController { @Subject('x', { endpoint: 'has.dot' }) x() { return 1; } }
@Module({ controllers: [BadEndpointController] })
class BadEndpointModule {}

@Controller('twice')
class TwiceController {
  @Subject('a', { endpoint: 'same' }) a() { return 1; }
  @Subject('b', { endpoint: 'same' }) b() { return 2; }
}
@Module({ controllers: [TwiceController] })
class TwiceModule {}

const decoder = new TextDecoder();
const repoVersion = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('$SRV options', () => {
  const apps: PaniniApplication[] = [];
  const open = async (options: PaniniOptions, root: typeof OrdersModule = OrdersModule) => {
    const app = await PaniniFactory.create(root, { name: 'orders', transport: new MemoryTransport(), logging: { silent: true }, handleSignals: false, ...options });
    apps.push(app);
    await app.start();
    return app;
  };
  const ask = async (app: PaniniApplication, subject: string) =>
    JSON.parse(decoder.decode((await app.transport.request(subject, new Uint8Array(), { timeout: 1000 })).data)) as Record<string, unknown>;
  afterEach(async () => { for (const app of apps.splice(0)) await app.close(); });

  describe('when the service name holds a character $SRV does not accept', () => {
    it('should fail create() saying how to fix it', async () => {
      await assert.rejects(PaniniFactory.create(OrdersModule, { name: 'orders.v2', transport: new MemoryTransport(), logging: { silent: true } }),
        (err: Error) => err instanceof RangeError && /'orders\.v2'/.test(err.message) && /micro: false/.test(err.message));
    });
    it('should start with micro: false', async () => {
      const app = await open({ name: 'orders.v2', micro: false });
      assert.equal(app.status.phase, 'running');
    });
  });

  describe('when the version is not semver', () => {
    it('should fail create() naming the version and the expected form', async () => {
      await assert.rejects(PaniniFactory.create(OrdersModule, { name: 'orders', transport: new MemoryTransport(), logging: { silent: true }, micro: { version: 'v1' } }),
        (err: Error) => err instanceof RangeError && /'v1'/.test(err.message) && /MAJOR\.MINOR\.PATCH/.test(err.message));
    });
  });

  describe('when no version is given', () => {
    it('should report the version of the nearest package.json', async () => {
      const app = await open({});
      assert.equal((await ask(app, '$SRV.PING'))['version'], repoVersion);
    });
  });

  describe('when an endpoint option is invalid or used twice', () => {
    it('should fail create() naming the handler', async () => {
      await assert.rejects(PaniniFactory.create(BadEndpointModule, { name: 'x', transport: new MemoryTransport(), logging: { silent: true } }),
        /BadEndpointController\.x: endpoint 'has\.dot' is not a valid/);
      await assert.rejects(PaniniFactory.create(TwiceModule, { name: 'x', transport: new MemoryTransport(), logging: { silent: true } }),
        /TwiceController\.b: endpoint 'same' is already the name of TwiceController\.a's endpoint/);
    });
  });

  describe('when a method has two subjects', () => {
    // decorators apply bottom-up: the lower @Subject is the method's first
    it('should name the second endpoint with a -2 suffix', async () => {
      const app = await open({});
      const info = await ask(app, '$SRV.INFO.orders');
      assert.deepEqual((info['endpoints'] as Array<{ name: string; subject: string }>).map((e) => [e.name, e.subject]),
        [['orders-create', 'orders.create'], ['orders-other', 'orders.other.alias'], ['orders-other-2', 'orders.other']]);
    });
  });

  describe('when a prefix is given', () => {
    it('should answer under the prefix and not under $SRV', async () => {
      const app = await open({ micro: { prefix: 'acme.SRV' } });
      const ping = await ask(app, 'acme.SRV.PING.orders');
      assert.equal(ping['type'], 'io.nats.micro.v1.ping_response');
      assert.equal((await ask(app, `acme.SRV.STATS.orders.${String(ping['id'])}`))['type'], 'io.nats.micro.v1.stats_response');
      await assert.rejects(ask(app, '$SRV.PING'), (err: unknown) => NoRespondersError.is(err));
    });
    it('should refuse a prefix with a wildcard', async () => {
      await assert.rejects(PaniniFactory.create(OrdersModule, { transport: new MemoryTransport(), logging: { silent: true }, micro: { prefix: '$SRV.*' } }), /micro\.prefix/);
    });
  });

  describe('when micro is false', () => {
    it('should not subscribe any $SRV subject', async () => {
      const app = await open({ micro: false });
      for (const verb of ['PING', 'INFO', 'STATS']) {
        await assert.rejects(ask(app, `$SRV.${verb}`), (err: unknown) => NoRespondersError.is(err));
        await assert.rejects(ask(app, `$SRV.${verb}.orders`), (err: unknown) => NoRespondersError.is(err));
      }
      assert.equal(await ask(app, 'orders.create') as unknown, 'ok', 'the handlers still answer');
    });
  });
});
