import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Interval } from '../../src/index.js';
import { deferred, type Deferred } from './support/deferred.js';
import { schedulerFor } from './support/scheduler-for.js';
import { waitFor } from '../support/wait-for.js';

const FAR = () => Date.now() + 5000;

class EverySecond {
  readonly gates: Deferred[] = [];
  @Interval(1000) run() { const d = deferred(); this.gates.push(d); return d.promise; }
}

describe('Skipped interval runs', () => {
  describe('when one run keeps an every-second task busy for several minutes', () => {
    it('should warn once at the first skip, then once per minute with the count, and once when the run ends', async () => {
      const task = new EverySecond();
      const { scheduler, clock, log } = schedulerFor([task]);
      await scheduler.lifecycle.start();
      await clock.advance(1000); // the run starts and hangs
      await clock.advance(150_000); // 150 due times pass while it runs
      const info = scheduler.get('EverySecond.run');
      assert.equal(info.skipped, 150);
      const warns = log.at('warn');
      // first skip at 2 s, summaries at 62 s and 122 s (each covers the skips since the last warning)
      assert.equal(warns.length, 3);
      assert.match(warns[0]!.message, /task 'EverySecond\.run' is still running; skipped the run due at .* \(1 skipped so far\)/);
      assert.match(warns[1]!.message, /task 'EverySecond\.run' skipped 60 more run\(s\) in the last 60 s while a run was still going \(61 skipped so far\)/);
      assert.deepEqual(warns[1]!.meta, { task: 'EverySecond.run', skipped: 60, totalSkipped: 61 });
      assert.match(warns[2]!.message, /skipped 60 more run\(s\) in the last 60 s .*\(121 skipped so far\)/);

      task.gates[0]!.resolve();
      await waitFor(() => log.at('warn').length === 4, 'the closing summary');
      assert.match(log.at('warn')[3]!.message, /skipped 29 more run\(s\) in the last 29 s while a run was still going \(150 skipped so far\)/);
      assert.deepEqual(log.at('warn')[3]!.meta, { task: 'EverySecond.run', skipped: 29, totalSkipped: 150 });
      assert.equal(log.at('warn').reduce((n, l) => n + ((l.meta as { skipped: number }).skipped), 0), 150, 'every skip is reported exactly once');
      await scheduler.lifecycle.stop(FAR());
    });

    it('should start a new report with a single warning after the task caught up', async () => {
      const task = new EverySecond();
      const { scheduler, clock, log } = schedulerFor([task]);
      await scheduler.lifecycle.start();
      await clock.advance(3000); // run at 1 s, skips at 2 s and 3 s
      task.gates[0]!.resolve();
      await waitFor(() => log.at('warn').length === 2, 'the closing summary');
      await clock.advance(1000); // a new run at 4 s
      await clock.advance(1000); // skipped at 5 s
      const warns = log.at('warn');
      assert.equal(warns.length, 3);
      assert.match(warns[2]!.message, /is still running; skipped the run due at 2024-01-01T00:00:05\.000Z \(3 skipped so far\)/);
      assert.deepEqual(warns[2]!.meta, { task: 'EverySecond.run', skipped: 1, totalSkipped: 3 });
      task.gates[1]!.resolve();
      await scheduler.lifecycle.stop(FAR());
    });
  });

  describe('when the app stops while skips are unreported', () => {
    it('should report them on stop', async () => {
      const task = new EverySecond();
      const { scheduler, clock, log } = schedulerFor([task]);
      await scheduler.lifecycle.start();
      await clock.advance(5000); // run at 1 s, skips at 2..5 s
      assert.equal(log.at('warn').length, 1);
      const stopped = scheduler.lifecycle.stop(FAR());
      await waitFor(() => log.at('warn').length === 2, 'the summary on stop');
      assert.deepEqual(log.at('warn')[1]!.meta, { task: 'EverySecond.run', skipped: 3, totalSkipped: 4 });
      task.gates[0]!.resolve();
      await stopped;
    });
  });
});
