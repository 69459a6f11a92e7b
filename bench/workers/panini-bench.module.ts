import { Controller, Module, Payload, Subject, type DynamicModule } from '../../src/index.js';
import { QUEUE, SUBJECTS, type OrderAck, type OrderBody, type OrderEvent } from '../fixtures/order.payload.js';
import { OrderDto } from '../fixtures/order.dto.js';
import { HitCounter } from './hit-counter.js';

@Module({})
class BenchModule {}

/**
 * The service the bench measures, its controllers under `prefix` (declared here because the
 * prefix is known only at setup). `hits` is how the worker sees what the handlers did.
 */
export function benchModule(prefix: string, hits: HitCounter): DynamicModule {
  /** Scenario 1: an event handler that gets the decoded JSON. */
  @Controller(prefix)
  class EventsController {
    constructor(private readonly hits: HitCounter) {}

    @Subject(SUBJECTS.events)
    onEvent(@Payload() event: OrderEvent): void {
      if (event.seq >= 0) this.hits.hit();
    }
  }

  /** Scenarios 2-4 and 11: the same answer, from a plain body and from a validated DTO. */
  @Controller(prefix)
  class OrdersController {
    constructor(private readonly hits: HitCounter) {}

    @Subject(SUBJECTS.request)
    plain(@Payload() order: OrderBody): OrderAck {
      this.hits.hit();
      return { ok: true, id: order.id };
    }

    @Subject(SUBJECTS.validated)
    validated(@Payload() order: OrderDto): OrderAck {
      this.hits.hit();
      return { ok: true, id: order.id };
    }

    /** The same DTO checked by class-transformer and class-validator on every message (scenario 11). */
    @Subject(SUBJECTS.validatedByLibraries, { validation: { compiled: false } })
    validatedByLibraries(@Payload() order: OrderDto): OrderAck {
      this.hits.hit();
      return { ok: true, id: order.id };
    }
  }

  return {
    module: BenchModule,
    controllers: [EventsController, OrdersController],
    providers: [{ provide: HitCounter, useValue: hits }],
  };
}

/** A service with no handlers, for the sending side. */
@Module({})
export class ClientOnlyModule {}

/** Panini's name doubles as the default queue group: the same one the raw service joins. */
export const SERVICE_NAME = QUEUE;
