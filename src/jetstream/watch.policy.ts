import type { InboundMessage, MessageContext } from '../index.js';
import type { Outcome, OutcomePolicy, PolicyParts, Refusal, Settlement } from '../internal.js';

/** How a watch names the change a message carries, for its log lines. */
export interface WatchedChange {
  /** E.g. `object 'a.pdf' (revision 7) of object store 'invoices'`. */
  readonly what: string;
  /** Fields of the log line (store, name, revision...). */
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * The outcome policy of a store watch handler: nothing is answered and nothing redelivered (a
 * watch is not a consumer with acks); a failure is logged with what changed and counted
 * (`failedEvents`). `done` frees the watch's slot once a change is settled, whatever the outcome.
 */
export class WatchPolicy implements OutcomePolicy {
  constructor(
    private readonly p: PolicyParts,
    private readonly done: () => void,
    private readonly changeOf: (msg: InboundMessage) => WatchedChange,
  ) {}

  settle(ctx: MessageContext, outcome: Outcome): Settlement {
    try {
      if (outcome.ok || outcome.body === null) return 'silent';
      const { def, log } = this.p;
      const change = this.changeOf(ctx.message);
      const fields = { handler: def.name, ...change.fields, code: outcome.body.code };
      this.p.stats.failedEvents++;
      const what = `${def.name} failed on ${change.what}`;
      if (outcome.body.code >= 500) log.error(what, { ...fields, error: outcome.error as Error });
      else log.warn(`${what}: ${outcome.body.message}`, { ...fields, details: outcome.body.details });
      return 'silent';
    } finally {
      this.done();
    }
  }

  refuse(msg: InboundMessage, refusal: Refusal): boolean {
    const change = this.changeOf(msg);
    this.p.log.warn(`${this.p.def.name} dropped the change of ${change.what}: ${refusal.message}`, { handler: this.p.def.name, ...change.fields });
    this.done();
    return false;
  }
}
