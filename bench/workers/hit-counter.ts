import { cpuSinceUs, nowUs } from './clock.js';

export interface ReceiveResult {
  handled: number;
  /** Monotonic time of the last expected message, µs. */
  lastUs: number;
  /** CPU of this process from `arm` to the last message, µs. */
  cpuUs: number;
}

/**
 * Counts handled messages and says when the expected number has been reached, with the time of
 * the last one and the CPU spent since it was armed. Shared by the raw and the Panini receivers.
 */
export class HitCounter {
  private handled = 0;
  private target = Number.POSITIVE_INFINITY;
  private cpu0: NodeJS.CpuUsage = process.cpuUsage();
  private done: ((r: ReceiveResult) => void) | undefined;
  private result: Promise<ReceiveResult> = Promise.resolve({ handled: 0, lastUs: 0, cpuUs: 0 });

  /** Starts a new round expecting `target` messages. */
  arm(target: number): void {
    this.handled = 0;
    this.target = target;
    this.result = new Promise((resolve) => { this.done = resolve; });
    this.cpu0 = process.cpuUsage();
  }

  /** Called once per handled message. */
  hit(): void {
    if (++this.handled === this.target) {
      this.done?.({ handled: this.handled, lastUs: nowUs(), cpuUs: cpuSinceUs(this.cpu0) });
    }
  }

  /** Resolves once the armed round is complete. */
  wait(): Promise<ReceiveResult> { return this.result; }

  /** CPU since `arm` and messages handled so far (for responders, which have no fixed end). */
  snapshot(): { handled: number; cpuUs: number } {
    return { handled: this.handled, cpuUs: cpuSinceUs(this.cpu0) };
  }
}
