import type { MessageContext } from '../../index.js';
import type { InboundMessage } from '../../index.js';
import type { Outcome, OutcomePolicy, PolicyParts, Refusal, Settlement } from '../../internal.js';
import { kvChangeOf } from './kv-change.js';

/**
 * The outcome policy of a `@KvWatch` handler: nothing is answered and nothing redelivered (a watch
 * is not a consumer with acks); a failure is logged with the key and revision and counted.
 * `done` frees the watch's slot once a change is settled, whatever the outcome.
 */
export class KvWatchPolicy implements OutcomePolicy {
  constructor(private readonly p: PolicyParts, private readonly done: () => void) {}

  settle(ctx: MessageContext, outcome: Outcome): Settlement {
    try {
      if (outcome.ok || outcome.body === null) return 'silent';
      const { def, log } = this.p;
      const change = kvChangeOf(ctx);
      const fields = { handler: def.name, bucket: change?.bucket, key: ctx.subject, revision: change?.revision, code: outcome.body.code };
      this.p.stats.failedEvents++;
      const what = `${def.name} failed on key '${ctx.subject}' (revision ${change?.revision}) of KV bucket '${change?.bucket}'`;
      if (outcome.body.code >= 500) log.error(what, { ...fields, error: outcome.error as Error });
      else log.warn(`${what}: ${outcome.body.message}`, { ...fields, details: outcome.body.details });
      return 'silent';
    } finally {
      this.done();
    }
  }

  refuse(msg: InboundMessage, refusal: Refusal): boolean {
    this.p.log.warn(`${this.p.def.name} dropped the change of key '${msg.subject}': ${refusal.message}`, { handler: this.p.def.name, key: msg.subject });
    this.done();
    return false;
  }
}
