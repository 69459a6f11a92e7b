import { Controller, Module, Payload, type DynamicModule } from '../../src/index.js';
import { Consume, JetStreamModule } from '../../src/jetstream/index.js';
import { DURABLE, streamOf, subjectOf, type OrderEvent } from '../fixtures/order.payload.js';
import { HitCounter } from './hit-counter.js';

@Module({})
class JetStreamBenchModule {}

/**
 * Scenario 11's service: the side's file-storage stream and its durable consumer declared with
 * `JetStreamModule.forRoot`, read by one `@Consume` handler with default options.
 */
export function jetstreamBenchModule(prefix: string, hits: HitCounter): DynamicModule {
  const stream = streamOf(prefix);

  @Controller()
  class OrdersConsumer {
    constructor(private readonly hits: HitCounter) {}

    @Consume(stream, { durable: DURABLE })
    onOrder(@Payload() event: OrderEvent): void {
      if (event.seq >= 0) this.hits.hit();
    }
  }

  return {
    module: JetStreamBenchModule,
    imports: [JetStreamModule.forRoot({ streams: [{ name: stream, subjects: [subjectOf(prefix, 'jetstream')], storage: 'file' }] })],
    controllers: [OrdersConsumer],
    providers: [{ provide: HitCounter, useValue: hits }],
  };
}
