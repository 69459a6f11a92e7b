import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Injectable, Module, NatsClient, PaniniFactory, Payload, Param, Subject, ServiceError, RemoteError, NoRespondersError, type PaniniApplication } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';

@Injectable()
class Greeter { greet(name: string) { return `hello ${name}`; } }

@Controller('greet')
class GreetController {
  constructor(private readonly greeter: Greeter) {}
  @Subject('say') say(@Payload() body: { name: string }) { return { text: this.greeter.greet(body.name) }; }
  @Subject('{id}.fail') fail(@Param('id') id: string) { throw new ServiceError(404, `no ${id}`); }
}

@Module({ controllers: [GreetController], providers: [Greeter] })
class AppModule {}

describe('smoke', () => {
  let nats: NatsServerHandle;
  let app: PaniniApplication;
  before(async () => {
    nats = await startNatsServer();
    app = await PaniniFactory.create(AppModule, { name: 'smoke', servers: nats.url, logging: { silent: true }, handleSignals: false });
    await app.start();
  });
  after(async () => { await app.close(); await nats.dispose(); });

  it('should answer a request', async () => {
    const client = app.get(NatsClient);
    assert.deepEqual(await client.request('greet.say', { name: 'ann' }), { text: 'hello ann' });
  });
  it('should carry error codes', async () => {
    await assert.rejects(app.get(NatsClient).request('greet.7.fail', {}), (e: unknown) => e instanceof RemoteError && e.code === 404 && e.message === 'no 7');
  });
  it('should fail fast without responders', async () => {
    await assert.rejects(app.get(NatsClient).request('nobody.here', {}), NoRespondersError);
  });
});
