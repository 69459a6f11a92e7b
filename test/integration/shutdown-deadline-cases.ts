import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { Controller, Payload, Subject, type InboundMessage, type Transport } from '../../src/index.js';
import { Test, type TestingApp, type TestingModuleBuilder } from '../../src/testing/index.js';
import { gate, type Gate } from '../http/support/gate.js';
import { RecordingLogger, type LogLine } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

const SHUTDOWN_TIMEOUT = 300;
const state = { gate: gate() as Gate, invoked: [] as Array<{ n: number; at: number }>, finished: 0 };

async function slow(n: number): Promise<{ n: number }> {
  state.invoked.push({ n, at: performance.now() });
  await state.gate.promise;
  state.finished++;
  return { n };
}

@Controller('deadline')
class SlowController {
  @Subject('request', { concurrency: 1 })
  request(@Payload() body: { n: number }) { return slow(body.n); }

  @Subject('event', { concurrency: 1 })
  event(@Payload() body: { n: number }) { return slow(body.n); }
}

/** Where the case runs: how to point a testing module at the broker, and a second connection for the callers. */
export interface DeadlineTarget {
  use(builder: TestingModuleBuilder): TestingModuleBuilder;
  connect(): Promise<Transport>;
}

const encode = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const errorOf = (m: InboundMessage) => ({ code: m.headers?.['Nats-Service-Error-Code'], body: JSON.parse(new TextDecoder().decode(m.data)) as { error?: { code: number; message: string } } });

export function shutdownDeadlineCases(target: () => DeadlineTarget): void {
  let app: TestingApp | undefined;
  let caller: Transport | undefined;

  afterEach(async () => {
    state.gate.open();
    await app?.close();
    await caller?.close();
    app = undefined;
    caller = undefined;
  });

  describe('when handlers are still busy at the shutdown deadline, with work queued behind them', () => {
    it('should answer queued requests 503 at the deadline, drop queued events in one summary line, and start nothing after close()', async () => {
      state.gate = gate();
      state.invoked = [];
      state.finished = 0;
      const lines: LogLine[] = [];
      app = await target().use(Test.createTestingModule({ controllers: [SlowController] }))
        .withOptions({ shutdownTimeout: SHUTDOWN_TIMEOUT })
        .useLogger(new RecordingLogger(lines))
        .compile();
      caller = await target().connect();
      const stats = (subject: string) => app!.app.stats().find((s) => s.subject === subject)!;

      // one request in flight, three queued behind it; one event in flight, two queued
      const inFlight = caller.request('deadline.request', encode({ n: 0 }), { timeout: 1500 }).then(() => 'answered', (err: Error) => err.name);
      await waitFor(() => state.invoked.length === 1, 'the first request to start');
      const queued = [1, 2, 3].map((n) => caller!.request('deadline.request', encode({ n }), { timeout: 5000 }).then(errorOf, (err: Error) => err.name));
      for (const n of [10, 11, 12]) caller.publish('deadline.event', encode({ n }));
      await caller.flush();
      await waitFor(() => stats('deadline.request').waiting === 3 && stats('deadline.event').waiting === 2, 'the queues to fill');

      const began = performance.now();
      await app.close();
      const closedAt = performance.now();

      assert.ok(closedAt - began >= SHUTDOWN_TIMEOUT - 20, `close() waited for the in-flight handlers until the deadline (${Math.round(closedAt - began)} ms)`);
      assert.ok(closedAt - began < SHUTDOWN_TIMEOUT + 2000, `close() resolved near the deadline (${Math.round(closedAt - began)} ms)`);
      for (const answer of await Promise.all(queued)) {
        assert.notEqual(answer, 'RequestTimeoutError', 'a queued request is told at once, not left to time out');
        assert.equal(typeof answer, 'object');
        const { code, body } = answer as ReturnType<typeof errorOf>;
        assert.equal(code, '503');
        assert.equal(body.error?.code, 503);
        assert.match(body.error?.message ?? '', /is shutting down; retry on another instance/);
      }

      // the handlers still running finish after close(): their replies go nowhere and nothing queued starts
      state.gate.open();
      await waitFor(() => state.finished === 2, 'the two in-flight handlers to finish');
      assert.equal(await inFlight, 'RequestTimeoutError', 'the reply of a handler that outlived the deadline is not sent');
      assert.deepEqual(state.invoked.map((i) => i.n).sort((a, b) => a - b), [0, 10], 'only the two in-flight messages ever ran');
      assert.ok(state.invoked.every((i) => i.at < closedAt), 'no handler was invoked after close() resolved');

      const summary = lines.filter((l) => /shutdown timeout of 300 ms reached/.test(l.message));
      assert.equal(summary.length, 1, 'one summary line for everything cut');
      assert.match(summary[0]!.message, /2 queued event\(s\) dropped unhandled and 3 queued request\(s\) answered 503/);
      assert.deepEqual([stats('deadline.event').shed, stats('deadline.request').refused, stats('deadline.request').waiting], [2, 3, 0]);
      assert.deepEqual(lines.filter((l) => l.level === 'error'), [], 'no error line per cut message or late reply');
      assert.ok(lines.filter((l) => /reply was dropped/.test(l.message)).length <= 1, 'a dropped late reply is logged once at most');
    });
  });
}
