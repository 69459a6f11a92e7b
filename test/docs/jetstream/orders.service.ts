// orders.service.ts
import { Injectable } from '../../../src/index.js';
import { JetStreamClient, WrongLastSequenceError } from '../../../src/jetstream/index.js';

@Injectable()
export class OrdersService {
  constructor(private readonly js: JetStreamClient) {}

  /** Stored once even when retried: the stream drops a repeated msgId within its duplicate window. */
  async created(id: string, sku: string, qty: number): Promise<number> {
    const ack = await this.js.publish(`orders.${id}.created`, { sku, qty }, { msgId: `order-${id}-created` });
    return ack.seq;
  }

  /**
   * Optimistic concurrency: stored only if the last quantity of this order is still the one
   * read (its sequence `seenSeq`, 0 for none yet); undefined when someone else changed it first.
   */
  async setQuantity(id: string, qty: number, seenSeq: number): Promise<number | undefined> {
    try {
      const ack = await this.js.publish(`orders.${id}.quantity`, { qty }, { expect: { lastSubjectSequence: seenSeq } });
      return ack.seq;
    } catch (err) {
      if (WrongLastSequenceError.is(err)) return undefined;
      throw err;
    }
  }
}
