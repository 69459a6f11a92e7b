import type { InboundMessage, Logger, MessageContext, Transport } from '../index.js';
import type { Outcome, OutcomePolicy, PolicyParts, Refusal, Settlement } from '../internal.js';
import type { JetStreamBackend, JetStreamMessage } from './backend.js';
import { sendDeadLetter, type DeadLetterTarget, type GivenUp } from './dead-letter.js';
import { backoffDelay } from './jetstream-options.js';

export interface JetStreamPolicyParts extends PolicyParts {
  backend: JetStreamBackend;
  transport: Transport;
  /** Deliveries before a failing message is given up; -1: never. */
  maxDeliver: number;
  backoff: readonly number[];
  deadLetter: DeadLetterTarget | undefined;
  publishTimeout: number;
  /** At most once (ordered consumers): nothing to ack, a failure is logged (and a 4xx dead-lettered). */
  atMostOnce: boolean;
  /** Called once per message when it is settled or refused: frees its slot. */
  done(m: JetStreamMessage): void;
}

/**
 * Settles a JetStream message: success acks; a 4xx (decode, validation, guard) terminates and
 * dead-letters at once; a 5xx naks with the backoff delay of its attempt, or after `maxDeliver`
 * attempts terminates and dead-letters. A message the handler settled itself is left alone. A
 * dead letter that cannot be stored is not terminated: the message is nak'ed again, so nothing
 * is lost.
 */
export class JetStreamPolicy implements OutcomePolicy {
  private readonly log: Logger;
  constructor(private readonly p: JetStreamPolicyParts) {
    this.log = p.log;
  }

  settle(ctx: MessageContext, outcome: Outcome): Settlement | Promise<Settlement> {
    const m = ctx.message as JetStreamMessage;
    if (outcome.ok || outcome.body === null || m.settled) {
      if (!outcome.ok && m.settled && outcome.body !== null) this.logFailure(m, outcome, 'after it was settled');
      if (m.settled || this.p.atMostOnce) {
        this.p.done(m);
        return 'answered';
      }
      // the slot is freed as the ack is sent: the backend makes sure the next pull is served after the ack is applied
      m.ack();
      this.p.done(m);
      return 'answered';
    }
    return this.fail(m, outcome).finally(() => this.p.done(m));
  }

  /**
   * A delivery past `maxDeliver`: the one before it was never settled (its process stopped, or its
   * ack wait ran out), or its dead letter could not be stored. The handler is not run again: the
   * message is dead-lettered (code 500) and terminated, or nak'ed with the backoff delay when the
   * dead letter cannot be stored, so the server (which Panini lets redeliver without limit) brings it back.
   */
  async unsettled(m: JetStreamMessage): Promise<void> {
    const count = m.info.deliveryCount;
    const message = `not settled by delivery ${count - 1} of ${this.p.maxDeliver} (the process stopped or the ack wait ran out)`;
    try {
      await this.giveUp(m, { code: 500, message }, `delivery ${count}: ${message}`, undefined);
    } finally {
      this.p.done(m);
    }
  }

  refuse(msg: InboundMessage, _refusal: Refusal): boolean {
    const m = msg as JetStreamMessage;
    m.nak();
    this.p.done(m);
    return true;
  }

  private async fail(m: JetStreamMessage, outcome: Extract<Outcome, { ok: false }>): Promise<Settlement> {
    const body = outcome.body!;
    const { maxDeliver } = this.p;
    const attempt = m.info.deliveryCount;
    const why: GivenUp = { code: body.code, message: body.message, details: body.details };
    if (body.code < 500 || this.p.atMostOnce || (maxDeliver > 0 && attempt >= maxDeliver)) {
      const reason = body.code < 500 ? `refused (${body.code}): ${body.message}` : `failed ${attempt} time(s), the last with: ${body.message}`;
      if (this.p.atMostOnce && body.code >= 500) {
        this.logFailure(m, outcome, '(ordered consumer: not redelivered)');
        return 'silent';
      }
      return this.giveUp(m, why, reason, outcome.error);
    }
    const delay = backoffDelay(this.p.backoff, attempt);
    this.log.warn(`${this.p.def.name} failed on '${m.subject}' (delivery ${attempt}${maxDeliver > 0 ? ` of ${maxDeliver}` : ''}); redelivered in ${delay} ms`, {
      handler: this.p.def.name, subject: m.subject, stream: m.info.stream, seq: m.info.streamSequence, deliveryCount: attempt, error: outcome.error as Error,
    });
    m.nak(delay);
    return 'answered';
  }

  private async giveUp(m: JetStreamMessage, why: GivenUp, reason: string, error: unknown): Promise<Settlement> {
    const { def, deadLetter } = this.p;
    const fields = { handler: def.name, subject: m.subject, stream: m.info.stream, seq: m.info.streamSequence, deliveryCount: m.info.deliveryCount, code: why.code };
    if (deadLetter !== undefined) {
      try {
        await sendDeadLetter(deadLetter, m, why, { backend: this.p.backend, transport: this.p.transport, timeout: this.p.publishTimeout });
      } catch (err) {
        const delay = backoffDelay(this.p.backoff, m.info.deliveryCount);
        this.log.error(`${def.name}: the dead letter of ${m.info.stream} #${m.info.streamSequence} could not be stored (${(err as Error).message}); not terminated, redelivered in ${delay} ms`, { ...fields, error: err as Error });
        m.nak(delay);
        return 'answered';
      }
    }
    m.term(reason.slice(0, 200));
    const where = deadLetter ? `sent to '${deadLetter.subject}.${m.info.consumer}'` : 'dropped (dead letters are off)';
    this.log.warn(`${def.name} gave up ${m.info.stream} #${m.info.streamSequence} on '${m.subject}': ${reason}; terminated and ${where}`, { ...fields, details: why.details, error: why.code >= 500 ? error as Error : undefined });
    return 'answered';
  }

  private logFailure(m: JetStreamMessage, outcome: Extract<Outcome, { ok: false }>, note: string): void {
    this.log.error(`${this.p.def.name} failed on '${m.subject}' ${note}`, { handler: this.p.def.name, subject: m.subject, stream: m.info.stream, seq: m.info.streamSequence, code: outcome.code, error: outcome.error as Error });
  }
}
