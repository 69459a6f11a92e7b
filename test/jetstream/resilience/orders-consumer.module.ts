import { Controller, Headers, Module, Payload, type DynamicModule } from '../../../src/index.js';
import { Consume, JetStreamModule } from '../../../src/jetstream/index.js';
import { OrderBook, type OrderPlaced } from './order-book.js';

export interface OrdersConsumerOptions {
  stream: string;
  /** Subjects the stream captures (default `<stream in lower case>.>`). */
  subjects?: string[];
  replicas?: number;
  book: OrderBook;
  /** ms (default 5000, so messages whose ack was lost in a crash come back within the test). */
  ackWait?: number;
  concurrency?: number;
}

@Module({})
class OrdersConsumerModule {}

/** A service with one `@Consume` handler on a file-storage stream it declares, applying each order to `book`. */
export function ordersConsumerModule(o: OrdersConsumerOptions): DynamicModule {
  @Controller()
  class OrdersConsumer {
    constructor(private readonly book: OrderBook) {}

    @Consume(o.stream, { durable: 'orders', ackWait: o.ackWait ?? 5000, concurrency: o.concurrency ?? 64 })
    placed(@Payload() order: OrderPlaced, @Headers('Nats-Msg-Id') msgId: string): void {
      this.book.apply(msgId, order);
    }
  }
  return {
    module: OrdersConsumerModule,
    imports: [JetStreamModule.forRoot({
      streams: [{ name: o.stream, subjects: o.subjects ?? [`${o.stream.toLowerCase()}.>`], storage: 'file', replicas: o.replicas ?? 1 }],
      // a pull whose server died is given up after 2 missed idle heartbeats: 1 s apart (not 5),
      // so each crash costs the test seconds, not tens of seconds
      defaults: { heartbeat: 1000 },
    })],
    controllers: [OrdersConsumer],
    providers: [{ provide: OrderBook, useValue: o.book }],
  };
}
