import { DeliveryLedger } from './delivery-ledger.js';

/** The message every resilience test publishes: an order worth `cents`, numbered `i`. */
export interface OrderPlaced { i: number; cents: number }

export const orderId = (i: number): string => `order-${i}`;
export const orderBody = (i: number): string => JSON.stringify({ i, cents: (i % 100) + 1 } satisfies OrderPlaced);
/** What the effects of orders 0..n-1 add up to when each is applied once. */
export const totalOf = (n: number): number => {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (i % 100) + 1;
  return sum;
};

/**
 * The handler's side effect: a running total of cents. Every call is recorded in the ledger; the
 * effect is applied on every call, or, when `idempotent`, once per `Nats-Msg-Id` (the way a
 * database keyed on the message id would).
 */
export class OrderBook {
  readonly ledger = new DeliveryLedger();
  private readonly applied = new Set<string>();
  effects = 0;
  totalCents = 0;

  constructor(readonly idempotent: boolean) {}

  apply(msgId: string, order: OrderPlaced): void {
    this.ledger.record(msgId);
    if (this.idempotent) {
      if (this.applied.has(msgId)) return;
      this.applied.add(msgId);
    }
    this.effects++;
    this.totalCents += order.cents;
  }
}
