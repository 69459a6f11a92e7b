// users.nats.test.ts
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startNatsServer, Test, type NatsServerHandle, type TestingApp } from '../../../src/testing/index.js';
import { UsersModule } from './users.module.js';

describe('users service on a real NATS server', () => {
  let nats: NatsServerHandle;
  let app: TestingApp;

  before(async () => {
    nats = await startNatsServer(); // a private nats-server on a free port
    app = await Test.createTestingModule({ imports: [UsersModule] })
      .useTransport({ servers: nats.url })
      .compile();
  });

  after(async () => {
    await app.close();
    await nats.dispose();
  });

  describe('when a user is created', () => {
    it('should reply over NATS and publish users.created', async () => {
      const reply = await app.request('users.create', { email: 'cy@example.com', name: 'Cy' });

      assert.deepEqual(reply, { id: 'u-1', email: 'cy@example.com', name: 'Cy' });
      const event = await app.traffic.waitFor('users.created');
      assert.deepEqual(event.data, { id: 'u-1' });
    });
  });

  describe('when the payload is invalid', () => {
    it('should reply 400 with the failing fields', async () => {
      await assert.rejects(app.request('users.create', { email: 'nope', name: 'Cy' }), {
        code: 400,
        details: [{ path: 'email', constraints: { isEmail: 'email must be an email' } }],
      });
    });
  });
});
