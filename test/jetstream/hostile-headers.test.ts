import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, Module } from '../../src/index.js';
import { waitUntil } from '../../src/testing/wait-until.js';
import { Consume, DEAD_LETTER_HEADERS as H, JetStreamContext, JetStreamModule } from '../../src/jetstream/index.js';
import { RawNats } from '../support/raw-nats.js';
import { header, startApp, startJetStream, type JsServer, type TestApp } from './js-support.js';

const handled: string[] = [];
const replayed: number[] = [];

@Controller()
class Inbox {
  @Consume('RAW', { durable: 'inbox', filterSubject: 'raw.>', concurrency: 4 })
  take(@Ctx() ctx: JetStreamContext) {
    handled.push(ctx.subject);
  }

  @Consume('RAW', { ordered: true })
  replay(@Ctx() ctx: JetStreamContext) {
    replayed.push(ctx.streamSequence);
  }
}

@Module({ imports: [JetStreamModule.forRoot({ streams: [{ name: 'RAW', subjects: ['raw.>'] }] })], controllers: [Inbox] })
class M {}

/**
 * Header blocks a client can send byte for byte, which the server stores and delivers as they
 * are: malformed fields, and status lines that a consumer could take for the server's own
 * (a 100 heartbeat, a 404/408 end of a pull, a 409 "consumer deleted"), with and without a body.
 */
const BLOCKS: Array<[string, string, string]> = [
  ['bad-name', 'NATS/1.0\r\nbad name: secret\r\n\r\n', '{}'],
  ['no-colon', 'NATS/1.0\r\nnocolon\r\n\r\n', '{}'],
  ['not-nats', 'HTTP/1.1 200 OK\r\n\r\n', '{}'],
  ['heartbeat', 'NATS/1.0 100 Idle Heartbeat\r\n\r\n', ''],
  ['no-messages', 'NATS/1.0 404 No Messages\r\n\r\n', ''],
  ['timeout', 'NATS/1.0 408 Request Timeout\r\n\r\n', ''],
  ['deleted', 'NATS/1.0 409 Consumer Deleted\r\n\r\n', ''],
  ['status-body', 'NATS/1.0 503\r\n\r\n', '{"a":1}'],
  ['binary', Buffer.from([0x4e, 0x41, 0x54, 0x53, 0x2f, 0x31, 0x2e, 0x30, 0x0d, 0x0a, 0xff, 0xfe, 0x3a, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]).toString('latin1'), '{}'],
];

describe('a @Consume handler given stored messages with hostile header blocks (raw protocol)', () => {
  let js: JsServer;
  let t: TestApp;
  let raw: RawNats;
  before(async () => {
    js = await startJetStream();
    t = await startApp(M, js.server.url);
    raw = await RawNats.connect(js.server.port);
  });
  after(async () => {
    raw?.close();
    await t?.app.close();
    await js?.dispose();
  });

  it('should settle every one of them on a durable consumer (handled, or dead-lettered with a 4xx), replay them all on an ordered one, and keep consuming', async () => {
    for (const [name, block, body] of BLOCKS) raw.hpub(`raw.${name}`, Buffer.from(block, 'latin1'), body);
    await raw.ping();
    const stored = (await js.jsm.streams.info('RAW')).state.messages;
    await js.nc.request('raw.after', JSON.stringify({ ok: true }), { timeout: 5000 });
    await waitUntil(() => handled.includes('raw.after'), { timeout: 30_000, what: 'the valid message after the hostile ones' });
    const c = await waitUntil(async () => { const i = await js.jsm.consumers.info('RAW', 'inbox'); return i.num_pending === 0 && i.num_ack_pending === 0 ? i : undefined; }, { timeout: 30_000, what: 'every message settled' });
    assert.equal(c.delivered.stream_seq, stored + 1);
    // the ordered consumer settles them too: its last message is the valid one
    await waitUntil(() => replayed.includes(stored + 1), { timeout: 30_000, what: 'the ordered consumer past the hostile messages' });
    const dl = await js.jsm.streams.info('RAW_DLQ').catch(() => undefined);
    const dead: string[] = [];
    const deadReplayed: number[] = [];
    for (let s = 1; dl && s <= dl.state.last_seq; s++) {
      const m = await js.jsm.streams.getMessage('RAW_DLQ', { seq: s });
      const code = Number(header(m?.header, H.errorCode));
      assert.ok(code >= 400 && code < 500, `dead-lettered with ${code}`);
      if (header(m?.header, H.consumer) === 'inbox') dead.push(header(m?.header, H.subject) ?? '?');
      else deadReplayed.push(Number(header(m?.header, H.streamSequence)));
    }
    for (const [name] of BLOCKS.slice(0, stored)) {
      const subject = `raw.${name}`;
      assert.equal(handled.filter((s) => s === subject).length + dead.filter((s) => s === subject).length, 1, `${subject}: handled ${handled.filter((s) => s === subject).length}, dead-lettered ${dead.filter((s) => s === subject).length}`);
    }
    assert.deepEqual([...replayed, ...deadReplayed].sort((a, b) => a - b), Array.from({ length: stored + 1 }, (_, i) => i + 1), 'the ordered consumer handled or dead-lettered each message once');
    assert.equal(t.app.status.phase, 'running');
  });
});
