// work-queue.module.ts
import { Controller, Module, Payload, Subject } from '../../../src/index.js';

@Controller('orders')
export class OrdersWorker {
  readonly shipped: string[] = [];
  readonly seen: string[] = [];

  // in the service's queue group: each order is shipped by one replica only
  @Subject('placed')
  ship(@Payload() order: { id: string }) {
    this.shipped.push(order.id);
  }

  // no queue group: every replica sees every order (a local cache, an audit trail)
  @Subject('placed', { queue: false })
  remember(@Payload() order: { id: string }) {
    this.seen.push(order.id);
  }
}

@Module({ controllers: [OrdersWorker] })
export class WorkerModule {}
