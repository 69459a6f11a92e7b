import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Module, Payload, Subject } from '../../src/index.js';
import { Test } from '../../src/testing/index.js';
import { waitFor } from '../support/wait-for.js';

const seen: number[] = [];
const gate: { open?: () => void } = {};
let running = 0;
let maxRunning = 0;

@Controller('runner')
class RunnerController {
  // the first message waits on a gate; the rest finish synchronously, so they pile up behind it
  // (20,000 of them: above the default backlog of 10,000, so the limit is raised for this test)
  @Subject('ordered', { concurrency: 1, backlog: { maxMessages: 20_000 } })
  ordered(@Payload() n: number): Promise<void> | void {
    seen.push(n);
    if (n === 0) return new Promise<void>((resolve) => { gate.open = resolve; });
  }

  @Subject('parallel', { concurrency: 3 })
  async parallel() {
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((resolve) => setImmediate(resolve));
    running--;
  }
}

@Module({ controllers: [RunnerController] })
class RunnerModule {}

describe('HandlerRunner', () => {
  describe('when many messages wait behind a slow one with concurrency 1', () => {
    it('should handle all of them in order, without growing the stack', async () => {
      const app = await Test.createTestingModule({ imports: [RunnerModule] }).compile();
      const count = 20_000;
      for (let n = 0; n < count; n++) app.client.publish('runner.ordered', n);
      await waitFor(() => gate.open, 'the first message to start');
      await waitFor(() => app.app.stats().find((s) => s.subject === 'runner.ordered')!.waiting === count - 1, 'the rest to queue up');
      gate.open!();
      await waitFor(() => seen.length === count, `all ${count} messages`);
      assert.deepEqual(seen, Array.from({ length: count }, (_, i) => i));
      await app.close();
    });
  });

  describe('when concurrency is 3', () => {
    it('should never run more than 3 handlers at once', async () => {
      const app = await Test.createTestingModule({ imports: [RunnerModule] }).compile();
      for (let n = 0; n < 50; n++) app.client.publish('runner.parallel', n);
      await waitFor(() => app.app.stats().find((s) => s.subject === 'runner.parallel')!.handled === 50, 'all 50 messages');
      assert.equal(maxRunning, 3);
      await app.close();
    });
  });
});
