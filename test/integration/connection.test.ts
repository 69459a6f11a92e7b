import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, NatsClient, PaniniFactory, Subject } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/index.js';
import { redactOptions, resolveServers, toNatsOptions } from '../../src/transport/connection-options.js';

@Controller()
class PingController {
  @Subject('ping') ping() { return 'pong'; }
}
@Module({ controllers: [PingController] })
class PingModule {}

const quiet = { logging: { silent: true }, handleSignals: false } as const;

describe('connection options', () => {
  describe('when the server requires a token', () => {
    let nats: NatsServerHandle;
    before(async () => { nats = await startNatsServer({ args: ['--auth', 's3cret-token'] }); });
    after(() => nats.dispose());

    it('should connect with the token and serve requests', async () => {
      const app = await PaniniFactory.create(PingModule, { name: 'tok', servers: nats.url, token: 's3cret-token', ...quiet });
      await app.start();
      assert.equal(await app.get(NatsClient).request('ping'), 'pong');
      await app.close();
    });

    it('should fail start-up with a clear error without it', async () => {
      const app = await PaniniFactory.create(PingModule, { name: 'tok', servers: nats.url, ...quiet });
      await assert.rejects(app.start(), /cannot connect to NATS at nats:\/\/127\.0\.0\.1:\d+: .*(auth|Authorization)/i);
    });
  });

  describe('when the server requires a user and password', () => {
    let nats: NatsServerHandle;
    before(async () => { nats = await startNatsServer({ args: ['--user', 'svc', '--pass', 'pw-123'] }); });
    after(() => nats.dispose());

    it('should connect with them', async () => {
      const app = await PaniniFactory.create(PingModule, { name: 'up', servers: nats.url, user: 'svc', pass: 'pw-123', ...quiet });
      await app.start();
      assert.equal(await app.get(NatsClient).request('ping'), 'pong');
      await app.close();
    });
  });

  describe('when servers are not given', () => {
    it('should read NATS_URL, a comma-separated list allowed', () => {
      const saved = process.env['NATS_URL'];
      process.env['NATS_URL'] = 'nats://a:4222, nats://b:4222';
      try {
        assert.deepEqual(resolveServers(undefined), ['nats://a:4222', 'nats://b:4222']);
      } finally {
        if (saved === undefined) delete process.env['NATS_URL'];
        else process.env['NATS_URL'] = saved;
      }
    });
    it('should default to the local server and reconnect forever', () => {
      const saved = process.env['NATS_URL'];
      delete process.env['NATS_URL'];
      try {
        const o = toNatsOptions('svc', {});
        assert.deepEqual(o.servers, ['nats://127.0.0.1:4222']);
        assert.equal(o.maxReconnectAttempts, -1);
        assert.equal(o.name, 'svc');
        // no per-request stack traces in nats.js (a JetStream consumer's confirmed acks), unless asked for
        assert.equal(o.noAsyncTraces, true);
        assert.equal(toNatsOptions('svc', { nats: { noAsyncTraces: false } }).noAsyncTraces, false);
      } finally {
        if (saved !== undefined) process.env['NATS_URL'] = saved;
      }
    });
    it('should turn an nkey seed into an authenticator', () => {
      const o = toNatsOptions('svc', { servers: 'nats://x:4222', nkey: 'SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4' });
      assert.equal(Array.isArray(o.authenticator) ? o.authenticator.length : 0, 1);
    });
  });

  describe('when options are logged', () => {
    it('should mask secrets and credentials in URLs', () => {
      const safe = redactOptions({ servers: 'nats://me:secret@host:4222', pass: 'pw', token: 't', nkey: 'SU...', credsFile: '/x.creds', user: 'me' });
      assert.deepEqual(safe, { servers: ['nats://***@host:4222'], pass: '***', token: '***', nkey: '***', credsFile: '***', user: 'me' });
    });
  });
});
