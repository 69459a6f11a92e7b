import type { JetStreamClient } from '@nats-io/jetstream';

export interface PublishReport {
  /** PubAcks received. */
  acked: number;
  /** Publishes that failed (broker down, timeout) and were sent again with the same msgId. */
  retries: number;
  /** PubAcks that said `duplicate`: a retry of a message the stream already had. */
  deduplicated: number;
}

export interface PublishWithRetryOptions {
  /** Publishes awaiting their PubAck at once (default 256). */
  window?: number;
  /** Give up on one message after this many ms of failed attempts (default 60000). */
  giveUpMs?: number;
  /** PubAck timeout of one attempt, ms (default 2000). */
  timeout?: number;
}

/**
 * Publishes `count` messages to a stream with `Nats-Msg-Id` = `id(i)`, awaiting each PubAck and
 * sending a message again, with the same id, until one comes: the publisher side of an
 * at-least-once pipeline. The stream's duplicate window turns the retries into one message each.
 */
export async function publishWithRetry(
  js: JetStreamClient, subject: string, count: number, id: (i: number) => string, body: (i: number) => string,
  options: PublishWithRetryOptions = {},
): Promise<PublishReport> {
  const window = options.window ?? 256;
  const giveUpMs = options.giveUpMs ?? 60_000;
  const timeout = options.timeout ?? 2000;
  const report: PublishReport = { acked: 0, retries: 0, deduplicated: 0 };
  const one = async (i: number): Promise<void> => {
    const deadline = Date.now() + giveUpMs;
    for (;;) {
      try {
        const ack = await js.publish(subject, body(i), { msgID: id(i), timeout });
        report.acked++;
        if (ack.duplicate) report.deduplicated++;
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`message ${id(i)} not acknowledged within ${giveUpMs} ms`, { cause: err });
        report.retries++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
  return report;
}
