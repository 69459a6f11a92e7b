import type { NatsConnection } from '@nats-io/transport-node';

export interface LivenessOptions {
  /** Milliseconds between checks (default 10000). */
  interval?: number;
  /** Milliseconds the server's PONG may take (default 5000). */
  timeout?: number;
}

/** Refuses settings that are not positive durations, before anything connects. */
export function checkLiveness(options: LivenessOptions | false | undefined): void {
  if (options === false || options === undefined) return;
  for (const key of ['interval', 'timeout'] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new RangeError(`livenessCheck.${key} must be a duration > 0 in ms, got ${v}; use livenessCheck: false to turn the check off`);
  }
}

/**
 * Notices a connection that stopped reading. When a nats.js subscription callback throws, or its
 * reader stalls, the socket stays open and nats.js still says connected, but nothing inbound is
 * processed any more, PONGs included: a flush never resolves. So a flush that is not answered
 * within `timeout` means a zombie connection; `onStall` reports it and a reconnect is forced
 * (a fresh socket gets a fresh reader, and nats.js re-sends every subscription).
 */
export class LivenessCheck {
  private readonly timer: NodeJS.Timeout;
  private checking = false;
  private readonly timeout: number;

  constructor(
    private readonly nc: NatsConnection,
    options: LivenessOptions,
    private readonly connected: () => boolean,
    private readonly onStall: (error: Error) => void,
  ) {
    const interval = options.interval ?? 10_000;
    this.timeout = options.timeout ?? 5_000;
    this.timer = setInterval(() => void this.check(), interval);
    // the check must never keep a process alive on its own
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking || !this.connected() || this.nc.isClosed()) return;
    this.checking = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answered = await Promise.race([
        // a flush cut short by a reconnect or close rejects: that is no stall
        this.nc.flush().then(() => true, () => true),
        new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), this.timeout); timer.unref(); }),
      ]);
      if (answered || !this.connected() || this.nc.isClosed()) return;
      this.onStall(new Error(`the NATS connection did not answer a PING within ${this.timeout} ms: it stopped reading; forcing a reconnect`));
      await this.nc.reconnect().catch(() => undefined);
    } finally {
      clearTimeout(timer);
      this.checking = false;
    }
  }
}
