import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NatsTransport } from '../../../src/index.js';
import { JETSTREAM_BACKEND, type JetStreamBackend, type StreamConfig } from '../../../src/jetstream/backend.js';
import { NatsJetStreamBackend } from '../../../src/jetstream/nats/nats.backend.js';
import { MemoryBroker, MemoryTransport, startNatsServer, type NatsServerHandle } from '../../../src/testing/index.js';

const te = new TextEncoder();

interface Pub { subject: 'a' | 'b' | 'c'; size: number; msgId?: string; expectLast?: number; expectSubject?: number }

/** Absent five times in six. */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const pubArb: fc.Arbitrary<Pub> = fc.record({
  subject: fc.constantFrom('a' as const, 'b' as const, 'c' as const),
  size: fc.integer({ min: 0, max: 300 }),
  msgId: fc.option(fc.constantFrom('m1', 'm2', 'm3', 'm4'), { nil: undefined }),
  expectLast: rarely(fc.integer({ min: 0, max: 12 })),
  expectSubject: rarely(fc.integer({ min: 0, max: 12 })),
}, { requiredKeys: ['subject', 'size'] });

const limitsArb = fc.record({
  maxMsgs: fc.constantFrom(-1, 3, 5),
  maxBytes: fc.constantFrom(-1, 600, 1500),
  maxMsgsPerSubject: fc.constantFrom(-1, 1, 2),
  maxMsgSize: fc.constantFrom(-1, 250),
  discard: fc.constantFrom('old' as const, 'new' as const),
  storage: fc.constantFrom('file' as const, 'memory' as const),
});

/** What a backend answered to each publish, and the stream's state after them. */
async function play(backend: JetStreamBackend, name: string, limits: Partial<StreamConfig>, pubs: Pub[]): Promise<unknown> {
  const cfg: StreamConfig = {
    name, subjects: [`${name}.*`], retention: 'limits', storage: 'file', maxAge: 0, maxMsgs: -1, maxBytes: -1, maxMsgSize: -1,
    maxMsgsPerSubject: -1, discard: 'old', replicas: 1, duplicateWindow: 120_000, ...limits,
  };
  await backend.addStream(cfg);
  const answers: unknown[] = [];
  for (const p of pubs) {
    const expect = { ...(p.expectLast !== undefined ? { lastSequence: p.expectLast } : {}), ...(p.expectSubject !== undefined ? { lastSubjectSequence: p.expectSubject } : {}) };
    answers.push(await backend.publish(`${name}.${p.subject}`, te.encode('x'.repeat(p.size)), { timeout: 5000, ...(p.msgId ? { msgId: p.msgId } : {}), expect })
      .then((ack) => ({ seq: ack.seq, duplicate: ack.duplicate }))
      .catch((e: { name: string; errCode?: number; description?: string; current?: number }) => ({ error: e.name, code: e.errCode, description: e.description, current: e.current })));
  }
  const { state } = await backend.streamInfo(name);
  await backend.deleteStream(name);
  return { answers, state: { messages: state.messages, bytes: state.bytes, firstSeq: state.firstSeq, lastSeq: state.lastSeq } };
}

describe('the memory JetStream against a nats-server', () => {
  let server: NatsServerHandle;
  let nats: NatsTransport;
  let real: JetStreamBackend;
  let memory: JetStreamBackend;
  let run = 0;

  before(async () => {
    server = await startNatsServer();
    nats = new NatsTransport('differential', { servers: server.url });
    await nats.connect();
    real = new NatsJetStreamBackend(nats.connection);
    const t = new MemoryTransport({ broker: new MemoryBroker() });
    await t.connect();
    memory = t[JETSTREAM_BACKEND]();
  });
  after(async () => {
    await nats?.close();
    await server?.dispose();
  });

  describe('when random publishes meet stream limits, de-duplication and expectations', () => {
    it('should answer each publish and end in the same stream state as the server', async () => {
      await fc.assert(fc.asyncProperty(limitsArb, fc.array(pubArb, { minLength: 1, maxLength: 14 }), async (limits, pubs) => {
        const name = `D${++run}`;
        assert.deepEqual(await play(memory, name, limits, pubs), await play(real, name, limits, pubs));
      }), { numRuns: 100 });
    });
  });
});
