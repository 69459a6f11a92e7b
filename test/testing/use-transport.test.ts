import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, NatsTransport, Subject } from '../../src/index.js';
import { freePort, startNatsServer, Test, type NatsServerHandle } from '../../src/testing/index.js';

@Controller('svc')
class PingController {
  @Subject('ping') ping(): string { return 'pong'; }
}

describe('TestingModuleBuilder.useTransport', () => {
  let nats: NatsServerHandle;
  before(async () => { nats = await startNatsServer(); });
  after(() => nats.dispose());

  describe('when given connection options', () => {
    it('should run on a NatsTransport, keep the nats.js connection reachable and record traffic', async () => {
      const app = await Test.createTestingModule({ controllers: [PingController] }).useTransport({ servers: nats.url }).compile();
      assert.ok(app.transport instanceof NatsTransport);
      assert.equal(app.client.connection.getServer(), `127.0.0.1:${nats.port}`);
      assert.equal(await app.request('svc.ping'), 'pong');
      assert.deepEqual(app.traffic.messages().map((m) => m.kind), ['request', 'reply']);
      await app.close();
      assert.equal(app.transport.state, 'closed');
    });
  });

  describe('when the server cannot be reached', () => {
    it('should fail compile() with the connection error', async () => {
      const dead = `nats://127.0.0.1:${await freePort()}`;
      await assert.rejects(Test.createTestingModule({ controllers: [PingController] }).useTransport({ servers: dead, maxReconnectAttempts: 0 }).compile(), /cannot connect to NATS/);
    });
  });

  describe('when the transport is the memory broker', () => {
    it('should say that there is no nats.js connection', async () => {
      const app = await Test.createTestingModule({ controllers: [PingController] }).compile();
      assert.throws(() => app.client.connection, /the memory transport has no nats.js connection/);
      await app.close();
    });
  });
});
