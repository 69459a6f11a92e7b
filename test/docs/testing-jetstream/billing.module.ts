// billing.module.ts
import { Controller, Ctx, Injectable, Module, Payload } from '../../../src/index.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../../src/jetstream/index.js';

@Injectable()
export class PaymentsService {
  async charge(orderId: string): Promise<void> {
    throw new Error(`no payment provider configured for ${orderId}`);
  }
}

@Controller()
export class BillingController {
  constructor(private readonly payments: PaymentsService) {}

  @Consume('ORDERS', { durable: 'billing', filterSubject: 'orders.created', backoff: [1000, 5000], maxDeliver: 5 })
  async charge(@Payload() order: { id: string }, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.payments.charge(`${order.id} (attempt ${ctx.deliveryCount})`);
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [{ name: 'ORDERS', subjects: ['orders.>'] }] })],
  controllers: [BillingController],
  providers: [PaymentsService],
})
export class BillingModule {}
