import { Controller, Ctx, Logger, MessageContext, Payload, Subject } from '@panini/core';
import { AuditLog, type AuditEntry } from './audit.log.js';

@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly log: Logger,
  ) {}

  /**
   * Every event, on every replica: `>` matches any number of tokens, and `queue: false` opts out
   * of the queue group, so each instance keeps the full trail. `reply: false`: a listener, never
   * an answer, so it cannot race the real handler of a request on an `events.` subject.
   */
  @Subject('events.>', { queue: false, reply: false })
  record(@Payload() data: unknown, @Ctx() ctx: MessageContext): void {
    this.audit.add(ctx.subject, data);
    this.log.debug('event recorded');
  }

  @Subject('audit.recent')
  recent(): AuditEntry[] {
    return this.audit.recent();
  }
}
