/**
 * Keeps N copies of a service process running: restarts one that dies, with a growing delay, and
 * stops them all together. It knows nothing of how a copy is started (`node:cluster` in
 * `runWorkers` and `panini start --workers`), so it is tested with any process.
 */

/** One running copy, as the supervisor sees it. */
export interface SupervisedProcess {
  readonly pid: number | undefined;
  /** Resolves with the exit code, or with the signal's name when a signal ended it. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** Asks it to stop gracefully (SIGTERM: the app drains, see `shutdownTimeout`). */
  terminate(): void;
  /** Ends it at once (SIGKILL). */
  kill(): void;
}

export interface SupervisorOptions {
  /** How many copies to keep running (a whole number >= 1). */
  count: number;
  /** Starts copy `index` (0-based). */
  spawn(index: number): SupervisedProcess;
  /** First delay before a copy that died is started again, in ms (default 1000). Each death in a row doubles it. */
  restartDelayMs?: number;
  /** The longest restart delay, in ms (default 30000). */
  maxRestartDelayMs?: number;
  /** A copy that ran this long, in ms, before dying is restarted after the first delay again (default 60000). */
  stableAfterMs?: number;
  /** How long a copy may take to stop after SIGTERM before it is killed, in ms (default 35000: above the app's default `shutdownTimeout`). */
  stopTimeoutMs?: number;
  /** Where the supervisor says what it does (default: stderr, prefixed `[panini]`). */
  log?: (line: string) => void;
  /** Milliseconds now (default `Date.now`). */
  now?: () => number;
}

/**
 * A copy asked to stop ended well when it exited with 0, or by the SIGTERM it was sent (or a
 * Ctrl-C's SIGINT, which the terminal sends the whole process group): Panini's shutdown re-raises
 * the signal once the app has drained, so the parent sees how it was asked to end.
 */
function stoppedCleanly(how: number | NodeJS.Signals): boolean {
  return how === 0 || how === 'SIGTERM' || how === 'SIGINT' || how === 143 || how === 130;
}

interface Slot {
  index: number;
  process?: SupervisedProcess;
  startedAt: number;
  deathsInARow: number;
  timer?: NodeJS.Timeout;
}

/**
 * Starts `count` copies and restarts each one that exits while the supervisor is running, after
 * `restartDelayMs * 2^(deaths in a row - 1)`, capped at `maxRestartDelayMs`.
 * @throws RangeError when `count` is not a whole number >= 1.
 */
export class Supervisor {
  private readonly slots: Slot[] = [];
  private stopping?: Promise<number>;
  private resolveStopped!: (code: number) => void;
  /** Resolves, with `stop()`'s code, once every copy was stopped. */
  readonly stopped = new Promise<number>((resolve) => { this.resolveStopped = resolve; });
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly restartDelayMs: number;
  private readonly maxRestartDelayMs: number;
  private readonly stableAfterMs: number;
  /** Every restart made so far (for tests and logs). */
  restarts = 0;

  constructor(private readonly options: SupervisorOptions) {
    if (!Number.isInteger(options.count) || options.count < 1) {
      throw new RangeError(`workers must be a whole number >= 1 (got ${String(options.count)})`);
    }
    this.log = options.log ?? ((line) => process.stderr.write(`[panini] ${line}\n`));
    this.now = options.now ?? Date.now;
    this.restartDelayMs = options.restartDelayMs ?? 1000;
    this.maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
  }

  /** The PIDs of the copies running now, by index (undefined while one waits to restart). */
  get pids(): Array<number | undefined> {
    return this.slots.map((s) => s.process?.pid);
  }

  start(): void {
    if (this.slots.length > 0) return;
    for (let index = 0; index < this.options.count; index++) {
      const slot: Slot = { index, startedAt: 0, deathsInARow: 0 };
      this.slots.push(slot);
      this.launch(slot);
    }
    this.log(`started ${this.options.count} worker${this.options.count === 1 ? '' : 's'}: ${this.pids.join(', ')}`);
  }

  private launch(slot: Slot): void {
    slot.timer = undefined;
    slot.startedAt = this.now();
    const child = this.options.spawn(slot.index);
    slot.process = child;
    void child.exited.then((how) => {
      if (slot.process !== child) return;
      slot.process = undefined;
      if (this.stopping) return;
      const ranMs = this.now() - slot.startedAt;
      slot.deathsInARow = ranMs >= this.stableAfterMs ? 1 : slot.deathsInARow + 1;
      const delay = Math.min(this.maxRestartDelayMs, this.restartDelayMs * 2 ** (slot.deathsInARow - 1));
      this.log(`worker ${slot.index + 1} (pid ${child.pid ?? '?'}) exited (${typeof how === 'number' ? `code ${how}` : how}) after ${ranMs} ms; restarting it in ${delay} ms`);
      slot.timer = setTimeout(() => {
        if (this.stopping) return;
        this.restarts++;
        this.launch(slot);
      }, delay);
    });
  }

  /**
   * Stops every copy: SIGTERM, then SIGKILL for one still running after `stopTimeoutMs`.
   * Resolves with 0 when every copy stopped cleanly (code 0, or ended by the SIGTERM/SIGINT it was sent once drained), else 1. Calling it again returns the same promise.
   */
  stop(): Promise<number> {
    this.stopping ??= this.stopAll().then((code) => { this.resolveStopped(code); return code; });
    return this.stopping;
  }

  private async stopAll(): Promise<number> {
    const stopTimeoutMs = this.options.stopTimeoutMs ?? 35_000;
    const running = this.slots.flatMap((slot) => {
      clearTimeout(slot.timer);
      return slot.process ? [slot.process] : [];
    });
    this.log(`stopping ${running.length} worker${running.length === 1 ? '' : 's'}`);
    const results = await Promise.all(running.map(async (child) => {
      child.terminate();
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.log(`worker pid ${child.pid ?? '?'} did not stop within ${stopTimeoutMs} ms; killing it`);
          child.kill();
          resolve();
        }, stopTimeoutMs);
      });
      const how = await Promise.race([child.exited, killed.then(() => child.exited)]);
      clearTimeout(timer);
      return how;
    }));
    return results.every(stoppedCleanly) ? 0 : 1;
  }
}
