import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';
import { Controller, NatsClient, Nullable, PaniniFactory, Param, Payload, RemoteError, Subject, type PaniniApplication } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';

class AddrDto {
  @IsString() city!: string;
}
class ShipDto {
  @ValidateNested() @Type(() => AddrDto) addr!: AddrDto;
  @Nullable() @IsString() note!: string | null;
}

@Controller('pit')
class PitfallsController {
  @Subject('{id}.archive.{on}') archive(@Param('id') id: number, @Param('on') on: boolean) { return { id, on, types: [typeof id, typeof on] }; }
  @Subject('ship') ship(@Payload() dto: ShipDto) { return { city: dto.addr.city, note: dto.note }; }
}

async function details(p: Promise<unknown>): Promise<unknown> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  assert.ok(RemoteError.is(e), `expected an error reply, got ${String(e)}`);
  assert.equal(e.code, 400);
  return e.details;
}

describe('validation pitfalls on a real nats-server', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  let client: NatsClient;
  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create({ module: class PitfallsModule {}, controllers: [PitfallsController] }, { name: 'pitfalls', servers: nats.url, logging: { silent: true }, handleSignals: false });
    await app.start();
    client = app.get(NatsClient);
  });
  after(async () => { await app?.close(); await nats?.dispose(); });

  it('should convert subject tokens declared as number and boolean, false staying false', async () => {
    assert.deepEqual(await client.request('pit.42.archive.false'), { id: 42, on: false, types: ['number', 'boolean'] });
  });

  it('should answer 400 naming the token that does not convert', async () => {
    assert.deepEqual(await details(client.request('pit.42.archive.no')), [{ path: 'on', constraints: { isBoolean: 'on must be true, false, 1 or 0' } }]);
  });

  it('should refuse an array where a single nested object is declared, and accept null for @Nullable', async () => {
    assert.deepEqual(await details(client.request('pit.ship', { addr: [{ city: 'P' }], note: null })), [{ path: 'addr', constraints: { isObject: 'addr must be a single AddrDto object, not an array' } }]);
    assert.deepEqual(await client.request('pit.ship', { addr: { city: 'P' }, note: null }), { city: 'P', note: null });
  });
});
