// payments.consumer.ts
import { Controller, Ctx, Injectable, Module, Payload } from '../../../src/index.js';
import { Consume, JetStreamContext, JetStreamModule } from '../../../src/jetstream/index.js';

export interface PaymentReceived { orderId: string; cents: number }

/** The effects, kept with the id of the message that caused each (a unique key in your database). */
@Injectable()
export class Ledger {
  readonly applied = new Set<string>();
  balanceCents = 0;

  /** Credits once per message id; a redelivered message finds its id and changes nothing. */
  credit(messageId: string, cents: number): void {
    if (this.applied.has(messageId)) return;
    this.applied.add(messageId);
    this.balanceCents += cents;
  }
}

@Controller()
export class PaymentsConsumer {
  constructor(private readonly ledger: Ledger) {}

  @Consume('PAYMENTS', { durable: 'ledger', backoff: [200] })
  received(@Payload() payment: PaymentReceived, @Ctx() ctx: JetStreamContext): void {
    // the publisher's msgId, else the stream sequence: the same on every delivery of this message
    this.ledger.credit(ctx.msgId ?? `seq-${ctx.streamSequence}`, payment.cents);
  }
}

@Module({
  imports: [JetStreamModule.forRoot({ streams: [{ name: 'PAYMENTS', subjects: ['payments.>'] }] })],
  controllers: [PaymentsConsumer],
  providers: [Ledger],
})
export class PaymentsModule {}
