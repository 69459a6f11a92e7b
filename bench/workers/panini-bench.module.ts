import { createHash } from 'node:crypto';
import { Controller, Injectable, MessageContext, Module, Payload, Subject, type DynamicModule } from '../../src/index.js';
import { QUEUE, SUBJECTS, type OrderAck, type OrderBody, type OrderEvent } from '../fixtures/order.payload.js';
import { OrderDto } from '../fixtures/order.dto.js';
import { HitCounter } from './hit-counter.js';

@Module({})
class BenchModule {}

/** What the CPU-bound handler hashes per request. */
const CPU_WORK = Buffer.alloc(256 * 1024, 7);

/**
 * The service the bench measures, its controllers under `prefix` (declared here because the
 * prefix is known only at setup). `hits` is how the worker sees what the handlers did.
 */
export function benchModule(prefix: string, hits: HitCounter, scoped = false): DynamicModule {
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

    /**
     * Scenario 12's second shape: the same answer after about 0.2 ms of CPU (a SHA-256 of 256 KiB),
     * a handler whose own work, not NATS, bounds one process.
     */
    @Subject(SUBJECTS.cpuBound)
    cpuBound(@Payload() order: OrderBody): OrderAck {
      createHash('sha256').update(CPU_WORK).digest();
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

  /** Scenario 11: scenario 2's answer from a controller made per message, with a message-scoped dependency reading the context. */
  @Injectable({ scope: 'message' })
  class RequestInfo {
    constructor(private readonly ctx: MessageContext) {}
    get subject(): string { return this.ctx.subject; }
  }

  @Controller(prefix)
  class ScopedOrdersController {
    constructor(private readonly hits: HitCounter, private readonly info: RequestInfo) {}

    @Subject(SUBJECTS.request)
    plain(@Payload() order: OrderBody): OrderAck {
      if (this.info.subject !== '') this.hits.hit();
      return { ok: true, id: order.id };
    }
  }

  return {
    module: BenchModule,
    controllers: [EventsController, scoped ? ScopedOrdersController : OrdersController],
    providers: [{ provide: HitCounter, useValue: hits }, ...(scoped ? [RequestInfo] : [])],
  };
}

/** A service with no handlers, for the sending side. */
@Module({})
export class ClientOnlyModule {}

/** Panini's name doubles as the default queue group: the same one the raw service joins. */
export const SERVICE_NAME = QUEUE;
