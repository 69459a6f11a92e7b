/**
 * What a consumer saw, keyed on the message id (`Nats-Msg-Id`): how often each id was handled, so
 * a crash test can tell lost messages (never handled) from duplicates (handled more than once).
 */
export class DeliveryLedger {
  private readonly seen = new Map<string, number>();
  private total = 0;

  record(msgId: string): void {
    this.total++;
    this.seen.set(msgId, (this.seen.get(msgId) ?? 0) + 1);
  }

  /** Handler calls, duplicates included. */
  get deliveries(): number { return this.total; }
  /** Distinct ids handled at least once. */
  get distinct(): number { return this.seen.size; }
  /** Handler calls beyond the first for each id. */
  get duplicates(): number { return this.total - this.seen.size; }
  /** Ids handled more than once. */
  get duplicatedIds(): number {
    let n = 0;
    for (const c of this.seen.values()) if (c > 1) n++;
    return n;
  }

  /** The expected ids never handled (at most `limit` of them, for an error message). */
  missing(expected: Iterable<string>, limit = 10): string[] {
    const out: string[] = [];
    for (const id of expected) {
      if (!this.seen.has(id)) out.push(id);
      if (out.length >= limit) break;
    }
    return out;
  }

  summary(): string {
    return `${this.deliveries} handler calls for ${this.distinct} messages: ${this.duplicates} duplicates (${this.duplicatedIds} messages handled more than once)`;
  }
}
