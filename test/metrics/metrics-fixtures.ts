import { Counter, type Registry } from 'prom-client';
import { Controller, Inject, Injectable, Module, Param, ServiceError, Subject } from '../../src/index.js';
import { METRICS_REGISTRY } from '../../src/metrics/index.js';

/** A metric of the app's own, registered in the module's registry through DI. */
@Injectable()
export class OrderCounter {
  readonly created: Counter;
  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.created = new Counter({ name: 'orders_created_total', help: 'Orders created', registers: [registry] });
  }
}

@Controller('orders', { queue: 'order-workers' })
export class OrdersController {
  constructor(private readonly counter: OrderCounter) {}

  @Subject('{id}.get')
  get(@Param('id') id: string) { return { id }; }

  @Subject('{id}.fail')
  fail(@Param('id') id: string): never { throw new ServiceError(404, `order ${id} not found`); }

  @Subject('created')
  created() { this.counter.created.inc(); }
}

@Module({ controllers: [OrdersController], providers: [OrderCounter] })
export class OrdersModule {}
