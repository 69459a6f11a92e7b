import { Module, type DynamicModule } from '../index.js';
import { MESSAGE_SOURCES, type SourceFactory } from '../internal.js';
import { JETSTREAM_SOURCE } from './consume.decorator.js';
import { JetStreamClient } from './jetstream.client.js';
import { JETSTREAM_OPTIONS, type JetStreamModuleOptions } from './jetstream-options.js';
import { JetStreamSource } from './jetstream.source.js';

/**
 * JetStream for the app: declares streams and consumers at start-up, serves `@Consume`
 * handlers, and provides `JetStreamClient` everywhere (a global module). Works on a
 * `NatsTransport` (a server started with `-js`) and on the testing kit's `MemoryTransport`.
 * @example
 * @Module({
 *   imports: [JetStreamModule.forRoot({ streams: [{ name: 'ORDERS', subjects: ['orders.>'] }] })],
 *   controllers: [InventoryController],
 * })
 * export class AppModule {}
 */
@Module({})
export class JetStreamModule {
  static forRoot(options: JetStreamModuleOptions): DynamicModule {
    const factory: SourceFactory = { kind: JETSTREAM_SOURCE, create: (ctx) => new JetStreamSource(ctx, options) };
    return {
      module: JetStreamModule,
      global: true,
      providers: [
        { provide: JETSTREAM_OPTIONS, useValue: options },
        { provide: MESSAGE_SOURCES, useValue: factory },
        JetStreamClient,
      ],
      exports: [JetStreamClient, JETSTREAM_OPTIONS],
    };
  }
}
