import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Payload, Subject, type HandlerStats, type Transport } from '../../src/index.js';
import { Test, type TestingApp } from '../../src/testing/index.js';
import { gate, type Gate } from '../http/support/gate.js';
import { RecordingLogger, type LogLine } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

const LIMIT = 5;
const PAYLOAD_LIMIT = 1000;
const state = { gate: gate() as Gate, started: [] as number[], handled: [] as number[] };

async function work(n: number): Promise<{ n: number }> {
  state.started.push(n);
  await state.gate.promise;
  state.handled.push(n);
  return { n };
}

@Controller('backlog')
class BlockedController {
  @Subject('request', { concurrency: 1, backlog: { maxMessages: LIMIT } })
  request(@Payload() body: { n: number }) { return work(body.n); }

  @Subject('event', { concurrency: 1, backlog: { maxMessages: LIMIT } })
  event(@Payload() body: { n: number }) { return work(body.n); }

  @Subject('bytes', { concurrency: 1, backlog: { maxBytes: 3 * 1024 } })
  bytes(@Payload() body: { n: number }) { return work(body.n); }

  @Subject('bulk', { concurrency: 1, backlog: { maxMessages: PAYLOAD_LIMIT } })
  bulk(@Payload() body: { n: number }) { return work(body.n); }
}

/** Where the cases run: how to point a testing module at the broker, and a second connection to send from. */
export interface BacklogTarget {
  use(builder: ReturnType<typeof Test.createTestingModule>): ReturnType<typeof Test.createTestingModule>;
  connect(): Promise<Transport>;
}

const encode = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
/** A JSON event of exactly `size` bytes. */
const sized = (n: number, size: number): Uint8Array => {
  const head = JSON.stringify({ n, pad: '' });
  return encode({ n, pad: 'x'.repeat(size - head.length) });
};

export function backlogCases(target: () => BacklogTarget): void {
  let app: TestingApp | undefined;
  let sender: Transport | undefined;
  let lines: LogLine[];

  async function start(): Promise<{ app: TestingApp; sender: Transport; stats: (subject: string) => HandlerStats }> {
    state.gate = gate();
    state.started = [];
    state.handled = [];
    lines = [];
    app = await target().use(Test.createTestingModule({ controllers: [BlockedController] })).useLogger(new RecordingLogger(lines)).compile();
    sender = await target().connect();
    const a = app;
    return { app: a, sender, stats: (subject) => a.app.stats().find((s) => s.subject === subject)! };
  }

  afterEach(async () => {
    state.gate.open();
    await app?.close();
    await sender?.close();
    app = undefined;
    sender = undefined;
  });

  const overloadLines = (): LogLine[] => lines.filter((l) => l.level === 'warn' && l.message.includes('is overloaded'));

  describe('when a handler blocked on a gate gets more requests than its backlog holds', () => {
    it('should queue up to the limit, answer the rest 503 at once, then handle every queued one', async () => {
      const { sender, stats } = await start();
      const first = sender.request('backlog.request', encode({ n: 0 }), { timeout: 5000 });
      await waitFor(() => state.started.length === 1, 'the first request to start');
      const queued = Array.from({ length: LIMIT }, (_, i) => sender.request('backlog.request', encode({ n: i + 1 }), { timeout: 5000 }));
      await waitFor(() => stats('backlog.request').waiting === LIMIT, 'the backlog to fill');
      const extra = await Promise.all(Array.from({ length: 3 }, (_, i) => sender.request('backlog.request', encode({ n: 100 + i }), { timeout: 5000 })));

      for (const reply of extra) {
        assert.equal(reply.headers?.['Nats-Service-Error-Code'], '503');
        assert.match(reply.headers?.['Nats-Service-Error'] ?? '', /BlockedController\.request is overloaded/);
        const body = JSON.parse(new TextDecoder().decode(reply.data)) as { error: { code: number; message: string } };
        assert.equal(body.error.code, 503);
        assert.match(body.error.message, /overloaded .*retry later or on another instance/);
      }
      const s = stats('backlog.request');
      assert.deepEqual([s.waiting, s.refused, s.inFlight], [LIMIT, 3, 1], 'the queue stops at the limit; the rest is refused');
      assert.deepEqual(state.started, [0], 'nothing beyond the limit ran');
      assert.equal(overloadLines().length, 1, 'one warning for the burst, not one per message');

      state.gate.open();
      const answers = await Promise.all([first, ...queued]);
      assert.deepEqual(answers.map((r) => (JSON.parse(new TextDecoder().decode(r.data)) as { n: number }).n), [0, 1, 2, 3, 4, 5]);
      assert.deepEqual([stats('backlog.request').handled, stats('backlog.request').waiting], [LIMIT + 1, 0]);
    });
  });

  describe('when events arrive faster than a blocked handler takes them', () => {
    it('should shed the events past the limit, count them, warn once, and handle the queued ones after', async () => {
      const { sender, stats } = await start();
      sender.publish('backlog.event', encode({ n: 0 }));
      await waitFor(() => state.started.length === 1, 'the first event to start');
      for (let n = 1; n <= LIMIT + 20; n++) sender.publish('backlog.event', encode({ n }));
      await sender.flush();
      await waitFor(() => stats('backlog.event').shed === 20, 'the 20 events past the limit to be counted as shed');
      assert.equal(stats('backlog.event').waiting, LIMIT);
      const warnings = overloadLines();
      assert.equal(warnings.length, 1, 'one warning for the burst, not one per message');
      assert.match(warnings[0]!.message, /BlockedController\.event is overloaded.*shed \d+ event\(s\)/);

      state.gate.open();
      await waitFor(() => state.handled.length === LIMIT + 1, 'the queued events to be handled');
      assert.deepEqual(state.handled, [0, 1, 2, 3, 4, 5], 'the first ones in, in order');
      assert.deepEqual([stats('backlog.event').handled, stats('backlog.event').shed, stats('backlog.event').waiting], [LIMIT + 1, 20, 0]);
    });
  });

  describe('when the byte limit is reached before the message limit', () => {
    it('should stop queueing at the byte limit', async () => {
      const { sender, stats } = await start();
      sender.publish('backlog.bytes', sized(0, 1024));
      await waitFor(() => state.started.length === 1, 'the first event to start');
      for (let n = 1; n <= 10; n++) sender.publish('backlog.bytes', sized(n, 1024));
      await sender.flush();
      await waitFor(() => stats('backlog.bytes').shed === 7, 'the events past 3 KiB to be shed');
      assert.deepEqual([stats('backlog.bytes').waiting, stats('backlog.bytes').waitingBytes], [3, 3 * 1024]);
    });
  });

  describe('when 20,000 events of 1 KB hit a handler whose queue holds 1,000', () => {
    it('should keep the queue at 1,000 messages and 1,000 KB, shed the rest, and warn once', async () => {
      const { sender, stats } = await start();
      let peak = 0;
      const total = 20_000;
      for (let n = 0; n < total; n++) {
        sender.publish('backlog.bulk', sized(n, 1024));
        // sampled while the burst is delivered, not only at the end
        if (n % 500 === 0) { await sender.flush(); peak = Math.max(peak, stats('backlog.bulk').waiting); }
      }
      await sender.flush();
      await waitFor(() => stats('backlog.bulk').shed + stats('backlog.bulk').waiting + stats('backlog.bulk').inFlight === total, 'every event to be queued or shed', 20_000);
      const s = stats('backlog.bulk');
      assert.ok(peak <= PAYLOAD_LIMIT, `the queue peaked at ${peak}`);
      assert.deepEqual([s.waiting, s.waitingBytes, s.inFlight, s.shed], [PAYLOAD_LIMIT, PAYLOAD_LIMIT * 1024, 1, total - PAYLOAD_LIMIT - 1]);
      assert.equal(overloadLines().length, 1);
    });
  });
}
