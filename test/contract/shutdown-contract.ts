import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NoRespondersError } from '../../src/index.js';
import { waitUntil, type TestingApp } from '../../src/testing/index.js';
import type { ContractScope } from './contract-target.js';
import { Gate, GATE, SlowModule } from '../support/shutdown-fixtures.js';

/** Far beyond any shutdown bound used here: a close() still pending then is a hang. */
const HANG = 15_000;

async function serviceWithGate(scope: ContractScope, shutdownTimeout: number): Promise<{ app: TestingApp; gate: Gate }> {
  const gate = new Gate();
  const app = await scope.app({ imports: [SlowModule] }, (b) => b.withOptions({ name: 'shut', shutdownTimeout }).overrideProvider(GATE).useValue(gate));
  gate.transportState = () => app.transport.state;
  return { app, gate };
}

function track(closing: Promise<void>): { done: boolean } {
  const state = { done: false };
  void closing.then(() => { state.done = true; });
  return state;
}

/** Fails with a clear message instead of letting a close() that never ends stall the run. */
async function resolvesWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not resolve within ${ms} ms`)), ms); });
  try { return await Promise.race([work, hang]); } finally { clearTimeout(timer); }
}

/** Graceful shutdown: what a caller of a service that is being stopped can rely on. */
export function shutdownCases(scope: ContractScope): void {
  describe('graceful shutdown', () => {
    describe('when close() is called while a handler is busy and more requests wait behind it', () => {
      it('should stop taking new work, answer every request delivered before, and only then run the hooks', async () => {
        const { app, gate } = await serviceWithGate(scope, 30_000);
        const caller = await scope.app({}, (b) => b.withOptions({ name: 'caller' }));
        try {
          const replies = [1, 2, 3].map((n) => caller.request('shut.slow', { n }, { timeout: 30_000 }));
          const stats = app.app.stats().find((s) => s.subject === 'shut.slow')!;
          await waitUntil(() => stats.inFlight === 1 && stats.waiting === 2, { what: 'one request running and two waiting in the app', timeout: 10_000 });

          const closing = app.close();
          const closed = track(closing);
          // the service leaves its subscription at once, while the first handler is still held
          await waitUntil(async () => (await caller.request('shut.slow', { n: 99 }, { timeout: 300 }).catch((e: unknown) => e)) instanceof NoRespondersError,
            { what: 'new requests to find no responder while the handler is held', timeout: 10_000 });
          assert.equal(closed.done, false, 'close() resolved while a handler was still running');
          assert.deepEqual(gate.log, ['start:1'], 'a hook ran or a handler finished while the first handler was held');

          gate.open();
          assert.deepEqual(await Promise.all(replies), [{ n: 1 }, { n: 2 }, { n: 3 }]);
          await resolvesWithin(closing, HANG, 'close()');
          const handled = gate.log.filter((l) => l.startsWith('end:'));
          assert.deepEqual(gate.log.slice(gate.log.indexOf('onModuleDestroy')), ['onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown:closed']);
          assert.ok(gate.log.indexOf('onModuleDestroy') > gate.log.lastIndexOf(handled.at(-1)!), `a handler ran after the hooks: ${gate.log.join(', ')}`);
          assert.deepEqual(gate.finished().filter((n) => n !== 99), [1, 2, 3]);

          const after = gate.log.length;
          await assert.rejects(caller.request('shut.slow', { n: 100 }, { timeout: 2000 }), NoRespondersError);
          await caller.settle();
          assert.equal(gate.log.length, after, `something was handled after close() resolved: ${gate.log.slice(after).join(', ')}`);
        } finally {
          gate.open(); // a failed assertion must not leave close() waiting for the handler
        }
      });
    });

    describe('when a handler never finishes', () => {
      it('should give up waiting at the shutdownTimeout, close the connection and run the hooks', async () => {
        const { app, gate } = await serviceWithGate(scope, 300);
        const caller = await scope.app({}, (b) => b.withOptions({ name: 'caller' }));
        // never answered: the handler is held past close(); the caller gives up on its own
        const reply = caller.request('shut.slow', { n: 1 }, { timeout: 2000 }).catch((e: unknown) => e);
        await waitUntil(() => gate.started().length === 1, { what: 'the handler to start', timeout: 10_000 });
        try {
          await resolvesWithin(app.close(), HANG, 'close() with a handler that never finishes and a shutdownTimeout of 300 ms');
          assert.deepEqual(gate.finished(), [], 'the handler finished, so the bound was not what ended close()');
          assert.equal(app.transport.state, 'closed');
          assert.deepEqual(gate.log.slice(1), ['onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown:closed']);
        } finally {
          gate.open(); // lets a close() that ignored the bound end too, so the clean-up does not hang
        }
        await caller.close();
        await reply;
      });
    });
  });
}
