import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Ctx, MessageContext, NatsTransport, Subject } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { gate } from '../http/support/gate.js';
import { waitFor } from '../support/wait-for.js';

const SIZE = 100;
const state = { gate: gate(), seen: [] as Array<{ bytes: number; held: number; text: string }> };

@Controller('detach')
class SlowController {
  @Subject('event', { concurrency: 1, codec: 'bytes' })
  async event(@Ctx() ctx: MessageContext) {
    const data = ctx.message.data;
    state.seen.push({ bytes: data.byteLength, held: data.buffer.byteLength, text: new TextDecoder().decode(data) });
    await state.gate.promise;
  }
}

describe('a message waiting in a backlog on a real nats-server', () => {
  let nats: NatsServerHandle;
  before(async () => { nats = await startNatsServer(); });
  after(() => nats?.dispose());

  it('should hold only its own bytes, not the connection read buffer it arrived in', async () => {
    const app = await Test.createTestingModule({ controllers: [SlowController] }).useTransport({ servers: nats.url }).compile();
    const sender = new NatsTransport('detach-sender', { servers: nats.url });
    await sender.connect();
    try {
      // sent in one flush, so the service reads them in one chunk
      for (let i = 0; i < 8; i++) sender.publish('detach.event', new TextEncoder().encode(String(i).padStart(SIZE, '.')));
      await sender.flush();
      await waitFor(() => app.app.stats()[0]!.waiting === 7, 'seven events waiting');
      state.gate.open();
      await waitFor(() => state.seen.length === 8, 'all eight handled');
      const queued = state.seen.slice(1);
      assert.deepEqual(queued.map((s) => s.text), [1, 2, 3, 4, 5, 6, 7].map((i) => String(i).padStart(SIZE, '.')));
      for (const s of queued) assert.equal(s.held, s.bytes, 'a waiting message keeps a buffer of its own size');
    } finally {
      await sender.close();
      await app.close();
    }
  });
});
