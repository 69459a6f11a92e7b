import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Min } from 'class-validator';
import { Controller, Injectable, Module, NatsClient, Param, Payload, RemoteError, ServiceError, Subject } from '../../src/index.js';
import { Body, Get, HttpCode, HttpController, Post } from '../../src/http/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { gate } from './support/gate.js';
import { json, startHttpApp, type RunningHttpApp } from './support/http-app.js';

const slowReply = gate();

class AddItemDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

/** One instance serves both transports: what one side writes, the other reads. */
@Injectable()
class CartStore {
  readonly items: AddItemDto[] = [];
  add(item: AddItemDto) { this.items.push(item); return { count: this.items.length }; }
}

@Controller('cart')
class CartNatsController {
  constructor(private readonly store: CartStore) {}
  @Subject('add') add(@Payload() dto: AddItemDto) { return this.store.add(dto); }
  @Subject('count') count() { return { count: this.store.items.length }; }
  @Subject('price.{sku}') price(@Param('sku') sku: string) {
    if (sku === 'unknown') throw new ServiceError(404, `no price for ${sku}`);
    return { sku, price: 3 };
  }
  /** Answers only once the test lets it, so the caller's timeout fires first. */
  @Subject('slow') async slow() { await slowReply.promise; return 'late'; }
}

@HttpController('/cart')
class CartHttpController {
  constructor(private readonly store: CartStore, private readonly nats: NatsClient) {}
  @Post('items') @HttpCode(201) add(@Body() dto: AddItemDto) { return this.store.add(dto); }
  @Get('count-over-nats') count() { return this.nats.request('cart.count', {}); }
  @Get('price/:sku') price(@Param('sku') sku: string) { return this.nats.request(`cart.price.${sku}`, {}); }
  @Get('slow') slow() { return this.nats.request('cart.slow', {}, { timeout: 100 }); }
  @Get('nobody') nobody() { return this.nats.request('nobody.listens.here', {}); }
}

@Module({ controllers: [CartNatsController, CartHttpController], providers: [CartStore] })
class CartModule {}

describe('HTTP next to NATS in one app', () => {
  let nats: NatsServerHandle;
  let http: RunningHttpApp;
  before(async () => {
    nats = await startNatsServer();
    http = await startHttpApp([CartModule], { servers: nats.url });
  });
  after(async () => {
    await http?.close();
    await nats?.dispose();
  });

  describe('when an HTTP controller and a NATS controller inject the same provider', () => {
    it('should give both the same instance', async () => {
      const client = http.app.get(NatsClient);
      const store = http.app.get(CartStore);
      assert.equal((await http.fetch('/cart/items', json('POST', { sku: 'a', qty: 1 }))).status, 201);
      assert.deepEqual(await client.request('cart.add', { sku: 'b', qty: 2 }), { count: 2 });
      assert.deepEqual(await client.request('cart.count', {}), { count: 2 });
      assert.equal(store.items.length, 2);
    });
  });

  describe('when the same DTO fails validation over HTTP and over NATS', () => {
    it('should answer both with code 400 and the same details', async () => {
      const bad = { sku: 1, qty: 0 };
      const res = await http.fetch('/cart/items', json('POST', bad));
      const httpError = (await res.json() as { error: { code: number; message: string; details: unknown } }).error;
      const natsError = await http.app.get(NatsClient).request('cart.add', bad).then(() => undefined, (e: unknown) => e as RemoteError);
      assert.ok(natsError instanceof RemoteError);
      assert.equal(res.status, 400);
      assert.deepEqual(Object.keys(httpError).sort(), ['code', 'details', 'message']);
      assert.equal(httpError.code, natsError.code);
      assert.deepEqual(httpError.details, natsError.details);
    });
  });

  describe('when an HTTP handler requests a NATS handler', () => {
    it('should answer with the NATS reply', async () => {
      const res = await http.fetch('/cart/price/a1');
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { sku: 'a1', price: 3 });
    });

    it('should answer a remote error with its code and message', async () => {
      const res = await http.fetch('/cart/price/unknown');
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: { code: 404, message: 'no price for unknown' } });
    });

    it('should answer 504 when the request times out', async () => {
      const res = await http.fetch('/cart/slow');
      assert.equal(res.status, 504);
      assert.deepEqual(await res.json(), { error: { code: 504, message: "request to 'cart.slow' timed out after 100 ms" } });
      slowReply.open();
    });

    it('should answer 503 when nobody listens', async () => {
      const res = await http.fetch('/cart/nobody');
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { error: { code: 503, message: "no responders are listening on 'nobody.listens.here'" } });
    });
  });
});
