import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { Supervisor, workerCount, type SupervisedProcess } from '../../src/workers/index.js';
import { waitFor } from '../support/wait-for.js';

/** A process the test ends by hand: `exit(code)`, or by the signal the supervisor sends. */
class FakeProcess implements SupervisedProcess {
  private static nextPid = 1000;
  readonly pid = FakeProcess.nextPid++;
  readonly signals: string[] = [];
  exit!: (how: number | NodeJS.Signals) => void;
  readonly exited = new Promise<number | NodeJS.Signals>((resolve) => { this.exit = resolve; });
  constructor(private readonly onTerm: 'exit' | 'hang' = 'exit') {}
  terminate(): void {
    this.signals.push('SIGTERM');
    if (this.onTerm === 'exit') this.exit('SIGTERM');
  }
  kill(): void {
    this.signals.push('SIGKILL');
    this.exit('SIGKILL');
  }
}

function supervise(count: number, extra: Partial<ConstructorParameters<typeof Supervisor>[0]> = {}) {
  const spawned: FakeProcess[] = [];
  const lines: string[] = [];
  const supervisor = new Supervisor({
    count,
    spawn: () => { const p = new FakeProcess(); spawned.push(p); return p; },
    restartDelayMs: 5,
    log: (line) => lines.push(line),
    ...extra,
  });
  return { supervisor, spawned, lines };
}

describe('Supervisor', () => {
  describe('when started', () => {
    it('should start the number of copies asked for and list their PIDs', () => {
      const { supervisor, spawned, lines } = supervise(3);
      supervisor.start();
      assert.equal(spawned.length, 3);
      assert.deepEqual(supervisor.pids, spawned.map((p) => p.pid));
      assert.match(lines[0]!, /started 3 workers/);
    });

    it('should refuse a count that is not a whole number >= 1, naming it', () => {
      for (const count of [0, -1, 1.5, Number.NaN]) {
        assert.throws(() => supervise(count), (err: Error) => err instanceof RangeError && err.message.includes(String(count)));
      }
    });
  });

  describe('when a copy dies', () => {
    it('should start it again, doubling the delay for each death in a row up to the cap', async () => {
      const { supervisor, spawned, lines } = supervise(1, { restartDelayMs: 5, maxRestartDelayMs: 15 });
      supervisor.start();
      for (let death = 1; death <= 4; death++) {
        spawned.at(-1)!.exit(1);
        await waitFor(() => spawned.length === death + 1, `restart ${death}`);
      }
      assert.equal(supervisor.restarts, 4);
      const delays = lines.filter((l) => l.includes('restarting')).map((l) => Number(/in (\d+) ms/.exec(l)![1]));
      assert.deepEqual(delays, [5, 10, 15, 15]);
      assert.match(lines[1]!, /worker 1 \(pid \d+\) exited \(code 1\)/);
      await supervisor.stop();
    });

    it('should go back to the first delay after a copy ran for stableAfterMs', async () => {
      let now = 0;
      const { supervisor, spawned, lines } = supervise(1, { restartDelayMs: 5, stableAfterMs: 1000, now: () => now });
      supervisor.start();
      spawned[0]!.exit(1);
      await waitFor(() => spawned.length === 2, 'the first restart');
      spawned[1]!.exit(1);
      await waitFor(() => spawned.length === 3, 'the second restart');
      now += 5000;
      spawned[2]!.exit('SIGKILL');
      await waitFor(() => spawned.length === 4, 'the third restart');
      const delays = lines.filter((l) => l.includes('restarting')).map((l) => Number(/in (\d+) ms/.exec(l)![1]));
      assert.deepEqual(delays, [5, 10, 5]);
      assert.match(lines.at(-1)!, /exited \(SIGKILL\) after 5000 ms/);
      await supervisor.stop();
    });
  });

  describe('when stopped', () => {
    it('should send every copy SIGTERM and resolve 0 once each ended by it', async () => {
      const { supervisor, spawned } = supervise(2);
      supervisor.start();
      assert.equal(await supervisor.stop(), 0);
      assert.deepEqual(spawned.map((p) => p.signals), [['SIGTERM'], ['SIGTERM']]);
      assert.equal(await supervisor.stopped, 0);
    });

    it('should kill a copy that does not stop within stopTimeoutMs and resolve 1', async () => {
      const spawned: FakeProcess[] = [];
      const lines: string[] = [];
      const supervisor = new Supervisor({
        count: 2,
        spawn: (i) => { const p = new FakeProcess(i === 0 ? 'hang' : 'exit'); spawned.push(p); return p; },
        stopTimeoutMs: 20,
        log: (line) => lines.push(line),
      });
      supervisor.start();
      assert.equal(await supervisor.stop(), 1);
      assert.deepEqual(spawned[0]!.signals, ['SIGTERM', 'SIGKILL']);
      assert.ok(lines.some((l) => l.includes(`pid ${spawned[0]!.pid} did not stop within 20 ms`)));
    });

    it('should not restart a copy that dies while waiting to restart or during the stop', async () => {
      const { supervisor, spawned, lines } = supervise(2, { restartDelayMs: 60_000 });
      supervisor.start();
      spawned[0]!.exit(1);
      await waitFor(() => lines.some((l) => l.includes('restarting it in 30000 ms')), 'the death to be seen');
      assert.equal(await supervisor.stop(), 0);
      assert.equal(spawned.length, 2);
      assert.equal(supervisor.restarts, 0);
    });
  });
});

describe('workerCount', () => {
  it("should read 'auto' as one per core and a whole number as itself", () => {
    assert.equal(workerCount('auto'), availableParallelism());
    assert.equal(workerCount('3'), 3);
    assert.equal(workerCount(2), 2);
  });

  it('should refuse anything else with a message naming the value', () => {
    for (const value of ['0', 'two', '1.5', '', '-2', 0]) {
      assert.throws(() => workerCount(value), (err: Error) => err instanceof RangeError && err.message.includes(`'${String(value)}'`));
    }
  });
});
