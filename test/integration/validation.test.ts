import { after, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Exclude, Expose, Type } from 'class-transformer';
import { ArrayMinSize, IsEmail, IsIn, IsInt, IsOptional, IsPositive, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import {
  Controller, ContainerError, Headers, Module, NatsClient, PaniniFactory, Param, Payload, RemoteError, Subject, ValidationFailedError,
  type PaniniApplication,
} from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { waitFor } from '../support/wait-for.js';
import { RecordingLogger } from '../support/recording-logger.js';

class AddressDto {
  @IsString() @MinLength(2) city!: string;
}
class ItemDto {
  @IsString() sku!: string;
  @IsInt() @Min(0) price!: number;
}
class CreateOrderDto {
  @IsEmail() email!: string;
  @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
  @ValidateNested({ each: true }) @Type(() => ItemDto) @ArrayMinSize(1) items!: ItemDto[];
  @IsOptional() @IsString() note?: string | null;
  @IsIn(['std', 'express']) shipping: string = 'std';
  total(): number { return this.items.reduce((n, i) => n + i.price, 0); }
}
class CountDto {
  @IsInt() @IsPositive() count!: number;
}
class TenantHeaders {
  @IsString() @MinLength(3) 'x-tenant'!: string;
}
class OrderParams {
  @IsString() @MinLength(2) id!: string;
}
class GroupDto {
  @IsString({ groups: ['create'] }) name!: string;
  @IsInt({ groups: ['update'] }) version!: number;
}
class UserView {
  @Expose() id!: string;
  @Expose() email!: string;
  @Exclude() passwordHash!: string;
  @Expose({ groups: ['admin'] }) role!: string;
  constructor(init: Partial<UserView>) { Object.assign(this, init); }
}
class ReplyDto {
  @IsString() name!: string;
  @IsInt() n!: number;
}

const spy = { create: mock.fn((dto: CreateOrderDto) => dto), event: mock.fn((_dto: CountDto) => undefined) };

@Controller('orders')
class OrdersController {
  @Subject('create') create(@Payload() dto: CreateOrderDto) {
    spy.create(dto);
    return { isDto: dto instanceof CreateOrderDto, nestedIsDto: dto.address instanceof AddressDto, total: dto.total(), shipping: dto.shipping, keys: Object.keys(dto).sort(), note: dto.note };
  }
  @Subject('batch') batch(@Payload([ItemDto]) items: ItemDto[]) { return items.map((i) => i instanceof ItemDto); }
  @Subject('explicit') explicit(@Payload(CountDto) body: unknown) { return body instanceof CountDto; }
  @Subject('plain') plain(@Payload() n: number) { return typeof n; }
  @Subject('count') count(dto: CountDto) { spy.event(dto); return dto.count; }
  @Subject('counted', { invalidTo: 'orders.invalid' }) counted(@Payload() dto: CountDto) { spy.event(dto); }
  @Subject('convert', { validation: { enableImplicitConversion: true } }) convert(@Payload() dto: CountDto) { return dto.count; }
  @Subject('strict', { validation: { forbidNonWhitelisted: true } }) strict(@Payload() dto: CountDto) { return dto.count; }
  @Subject('group', { validation: { groups: ['create'] } }) group(@Payload() dto: GroupDto) { return dto.name; }
  @Subject('tenant') tenant(@Headers() h: TenantHeaders) { return h['x-tenant']; }
  @Subject('{id}.get') get(@Param() p: OrderParams) { return p.id; }
  @Subject('user') user() { return new UserView({ id: 'u1', email: 'a@b.c', passwordHash: 'secret', role: 'admin' }); }
  @Subject('user.admin', { serializeGroups: ['admin'] }) admin() { return new UserView({ id: 'u1', email: 'a@b.c', passwordHash: 'secret', role: 'admin' }); }
  @Subject('users') users() { return [new UserView({ id: 'u1', email: 'a@b.c', passwordHash: 's' })]; }
  @Subject('raw') raw() { return { passwordHash: 'kept: plain objects pass unchanged' }; }
  @Subject('echo') echo(@Payload() body: unknown) { return body; }
  @Subject('reply') reply(@Payload() body: { bad?: boolean }) { return body.bad ? { name: 5 } : { name: 'x', n: 1, extra: true }; }
}

@Module({ controllers: [OrdersController] })
class AppModule {}

const good = () => ({ email: 'a@b.co', address: { city: 'Paris' }, items: [{ sku: 'a', price: 2 }, { sku: 'b', price: 3 }] });

async function remoteError(p: Promise<unknown>): Promise<RemoteError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  assert.ok(e instanceof RemoteError, `expected a RemoteError, got ${String(e)}`);
  return e;
}

describe('DTO validation', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  let client: NatsClient;
  const logger = new RecordingLogger();

  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create(AppModule, { name: 'validation', servers: nats.url, logging: logger, handleSignals: false });
    await app.start();
    client = app.get(NatsClient);
  });
  after(async () => { await app.close(); await nats.dispose(); });

  describe('when the payload is valid', () => {
    it('should hand the handler a DTO instance with nested instances, defaults and unknown fields stripped', async () => {
      const reply = await client.request('orders.create', { ...good(), hack: true, note: null });
      assert.deepEqual(reply, { isDto: true, nestedIsDto: true, total: 5, shipping: 'std', keys: ['address', 'email', 'items', 'note', 'shipping'], note: null });
    });
    it('should validate arrays of DTOs given explicitly', async () => {
      assert.deepEqual(await client.request('orders.batch', [{ sku: 'a', price: 1 }]), [true]);
    });
    it('should use an explicit @Payload(Type)', async () => {
      assert.equal(await client.request('orders.explicit', { count: 1 }), true);
    });
    it('should leave primitives alone', async () => {
      assert.equal(await client.request('orders.plain', 5), 'number');
    });
  });

  describe('when the payload is invalid', () => {
    it('should answer 400 listing every failed property with its path, without calling the handler', async () => {
      const calls = spy.create.mock.callCount();
      const e = await remoteError(client.request('orders.create', { email: 'nope', address: { city: 'P' }, items: [{ sku: 'a', price: 1 }, { sku: 'b', price: -1 }] }));
      assert.equal(e.code, 400);
      const details = e.details as Array<{ path: string; constraints: Record<string, string> }>;
      assert.deepEqual(details.map((d) => d.path).sort(), ['address.city', 'email', 'items.1.price']);
      assert.match(details.find((d) => d.path === 'items.1.price')!.constraints['min']!, /price must not be less than 0/);
      assert.match(e.message, /items\.1\.price/);
      assert.equal(spy.create.mock.callCount(), calls);
    });
    it('should refuse a body that is not an object', async () => {
      const e = await remoteError(client.request('orders.create', 'text'));
      assert.equal(e.code, 400);
    });
    it('should refuse an array body where an array of DTOs is expected element by element', async () => {
      const e = await remoteError(client.request('orders.batch', [{ sku: 'a', price: 1 }, { sku: 1, price: 'x' }]));
      assert.deepEqual((e.details as Array<{ path: string }>).map((d) => d.path).sort(), ['1.price', '1.sku']);
    });
    it('should validate the first parameter of an undecorated handler', async () => {
      const e = await remoteError(client.request('orders.count', { count: -1 }));
      assert.equal(e.code, 400);
    });
    it('should not convert types unless implicit conversion is switched on', async () => {
      assert.equal((await remoteError(client.request('orders.count', { count: '3' }))).code, 400);
      assert.equal(await client.request('orders.convert', { count: '3' }), 3);
    });
    it('should reject unknown properties when forbidNonWhitelisted is set for the handler', async () => {
      const e = await remoteError(client.request('orders.strict', { count: 1, extra: 1 }));
      assert.deepEqual((e.details as Array<{ path: string }>).map((d) => d.path), ['extra']);
    });
    it('should apply validation groups', async () => {
      assert.equal(await client.request('orders.group', { name: 'n', version: 'not checked in this group' }), 'n');
      assert.equal((await remoteError(client.request('orders.group', { version: 1 }))).code, 400);
    });
  });

  describe('when an event is invalid', () => {
    it('should log a warning with subject and details, count it, and not call the handler', async () => {
      const calls = spy.event.mock.callCount();
      const before = app.stats().find((s) => s.subject === 'orders.count')!.failedEvents;
      client.publish('orders.count', { count: 0 });
      await waitFor(() => app.stats().find((s) => s.subject === 'orders.count')!.failedEvents === before + 1, 'the event to be counted');
      const line = logger.lines.find((l) => l.level === 'warn' && l.message.includes("'orders.count'"));
      assert.ok(line, 'a warning was logged');
      assert.equal((line.meta as { subject: string }).subject, 'orders.count');
      assert.deepEqual(((line.meta as { details: Array<{ path: string }> }).details).map((d) => d.path), ['count']);
      assert.equal(spy.event.mock.callCount(), calls);
    });
    it('should re-publish it with its error to the dead-letter subject', async () => {
      const dead: Array<{ subject: string; error: { code: number; details: Array<{ path: string }> }; payload: string }> = [];
      const sub = client.subscribe<(typeof dead)[number]>('orders.invalid', (m) => { dead.push(m.data); });
      await client.flush();
      client.publish('orders.counted', { count: 'x' });
      await waitFor(() => dead.length === 1, 'a dead letter');
      assert.equal(dead[0]!.subject, 'orders.counted');
      assert.equal(dead[0]!.error.code, 400);
      assert.deepEqual(dead[0]!.error.details.map((d) => d.path), ['count']);
      assert.deepEqual(JSON.parse(dead[0]!.payload), { count: 'x' });
      sub.unsubscribe();
    });
  });

  describe('when headers and params are typed with DTOs', () => {
    it('should validate headers', async () => {
      assert.equal(await client.request('orders.tenant', {}, { headers: { 'x-tenant': 'acme' } }), 'acme');
      assert.equal((await remoteError(client.request('orders.tenant', {}, { headers: { 'x-tenant': 'a' } }))).code, 400);
    });
    it('should validate subject params', async () => {
      assert.equal(await client.request('orders.ab.get', {}), 'ab');
      const e = await remoteError(client.request('orders.a.get', {}));
      assert.equal(e.code, 400);
      assert.match(e.message, /invalid param/);
    });
  });

  describe('when a handler returns a class instance', () => {
    it('should never send @Exclude()d fields', async () => {
      assert.deepEqual(await client.request('orders.user'), { id: 'u1', email: 'a@b.c' });
      assert.deepEqual(await client.request('orders.users'), [{ id: 'u1', email: 'a@b.c' }]);
    });
    it('should apply serialization groups', async () => {
      assert.deepEqual(await client.request('orders.user.admin'), { id: 'u1', email: 'a@b.c', role: 'admin' });
    });
    it('should pass plain objects through unchanged', async () => {
      assert.deepEqual(await client.request('orders.raw'), { passwordHash: 'kept: plain objects pass unchanged' });
    });
  });

  describe('when the client sends and receives DTOs', () => {
    it('should send DTO instances as plain JSON without excluded fields', async () => {
      assert.deepEqual(await client.request('orders.echo', new UserView({ id: 'u2', email: 'e@f.g', passwordHash: 'x' })), { id: 'u2', email: 'e@f.g' });
    });
    it('should validate and transform a reply with responseType', async () => {
      const r = await client.request('orders.reply', {}, { responseType: ReplyDto });
      assert.ok(r instanceof ReplyDto);
      assert.deepEqual({ ...r }, { name: 'x', n: 1 });
      await assert.rejects(client.request('orders.reply', { bad: true }, { responseType: ReplyDto }), ValidationFailedError);
    });
  });

  describe('when the DTO type of a handler cannot be known', () => {
    it('should fail start-up naming the handler and the fix', async () => {
      class NoMetadata { handle(_dto: unknown) { return 1; } }
      Controller('x')(NoMetadata);
      Subject('y')(NoMetadata.prototype, 'handle', Object.getOwnPropertyDescriptor(NoMetadata.prototype, 'handle')!);
      Payload()(NoMetadata.prototype, 'handle', 0);
      @Module({ controllers: [NoMetadata] }) class Broken {}
      const broken = await PaniniFactory.create(Broken, { name: 'broken', servers: nats.url, logging: { silent: true }, handleSignals: false });
      await assert.rejects(broken.start(), (e: unknown) => e instanceof ContainerError && e.kind === 'no-metadata' && /NoMetadata\.handle.*@Payload\(CreateOrderDto\)/.test(e.message));
    });
  });
});
