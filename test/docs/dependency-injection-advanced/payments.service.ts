// payments.service.ts
import { Injectable, MessageContext, Module, ModuleRef, Controller, Subject, Payload, Ctx } from '../../../src/index.js';
import { TenantContext } from './tenant.context.js';

@Injectable() export class CardGateway { charge(cents: number) { return `card charged ${cents}`; } }
@Injectable() export class BankGateway { charge(cents: number) { return `bank debited ${cents}`; } }

/** Decorated for its constructor types, but not a provider: made on demand by moduleRef.create(). */
@Injectable()
export class Receipt {
  constructor(private readonly card: CardGateway) {}
  text(cents: number): string { return `receipt: ${this.card.charge(cents)}`; }
}

@Controller('payments')
export class PaymentsController {
  constructor(private readonly moduleRef: ModuleRef) {}

  @Subject('pay')
  async pay(@Payload() body: { kind: 'card' | 'bank'; cents: number }, @Ctx() ctx: MessageContext) {
    const gateway = this.moduleRef.get(body.kind === 'card' ? CardGateway : BankGateway);
    const tenant = await this.moduleRef.resolve(TenantContext, ctx);
    const receipt = await this.moduleRef.create(Receipt);
    return { result: gateway.charge(body.cents), tenant: tenant.tenant, receipt: receipt.text(body.cents) };
  }
}

@Module({ controllers: [PaymentsController], providers: [CardGateway, BankGateway, TenantContext] })
export class PaymentsModule {}
