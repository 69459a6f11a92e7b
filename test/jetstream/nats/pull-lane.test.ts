import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '@nats-io/transport-node';
import { NatsJetStreamBackend } from '../../../src/jetstream/nats/nats.backend.js';
import { startJetStream, type JsServer } from '../js-support.js';

describe('a pull of the NATS JetStream backend', () => {
  let js: JsServer;
  before(async () => {
    js = await startJetStream();
    await js.jsm.streams.add({ name: 'LANE', subjects: ['lane.>'] });
    await js.jsm.consumers.add('LANE', { durable_name: 'worker', ack_policy: 'explicit' as never });
  });
  after(async () => { await js?.dispose(); });

  describe('when the connection is closed before the pull is made', () => {
    it('should end the iteration with an error at once rather than wait for the expiry', async () => {
      const nc = await connect({ servers: js.server.url });
      const backend = new NatsJetStreamBackend(nc);
      await nc.close();
      const started = Date.now();
      await assert.rejects(async () => {
        for await (const m of backend.fetch('LANE', 'worker', { max: 4, expires: 30_000, heartbeat: 5000 })) assert.fail(`no message expected, got ${m.subject}`);
      }, (err: Error) => /closed/i.test(err.message));
      assert.ok(Date.now() - started < 5000, `ended after ${Date.now() - started} ms`);
    });
  });

  describe('when messages are acked without a confirmation each, and then settled() is awaited', () => {
    it('should resolve true only once the server applied every ack: none is pending right after', async () => {
      const nc = await connect({ servers: js.server.url });
      const backend = new NatsJetStreamBackend(nc);
      for (let i = 0; i < 40; i++) await js.nc.request('lane.x', String(i));
      for (let round = 0; round < 10; round++) {
        const batch = backend.fetch('LANE', 'worker', { max: 4, expires: 5000 });
        const got = [];
        for await (const m of batch) got.push(m);
        assert.equal(got.length, 4);
        for (const m of got) m.ack();
      }
      assert.ok(await backend.settled('LANE', 'worker', 5000), 'the last acks confirmed');
      const info = await js.jsm.consumers.info('LANE', 'worker');
      assert.equal(info.num_ack_pending, 0);
      assert.equal(info.ack_floor.stream_seq, 40);
      await nc.close();
    });
  });
});
