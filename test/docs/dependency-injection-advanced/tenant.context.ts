// tenant.context.ts
import { Injectable, MessageContext, ServiceError } from '../../../src/index.js';

/** The tenant of the message being handled: one instance per message. */
@Injectable({ scope: 'message' })
export class TenantContext {
  readonly tenant: string;

  constructor(ctx: MessageContext) {
    const tenant = ctx.header('x-tenant');
    if (!tenant) throw new ServiceError(400, 'the x-tenant header is required');
    this.tenant = tenant;
  }
}
