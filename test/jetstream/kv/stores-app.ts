import { Module, PaniniFactory, type PaniniApplication, type Type } from '../../../src/index.js';
import { JetStreamModule, type StoreDeclarations } from '../../../src/jetstream/index.js';
import { RecordingLogger } from '../../support/recording-logger.js';

/** An app on a private server with the given stores, controllers and providers, started. */
export async function storesApp(url: string, o: StoreDeclarations & { controllers?: Type[]; providers?: Type[]; logger?: RecordingLogger; name?: string; reconnectTimeWait?: number }): Promise<PaniniApplication> {
  @Module({ imports: [JetStreamModule.forRoot({ streams: [], buckets: o.buckets, objectStores: o.objectStores })], controllers: o.controllers ?? [], providers: o.providers ?? [] })
  class AppModule {}
  const app = await PaniniFactory.create(AppModule, { name: o.name ?? 'kv-test', servers: url, logging: o.logger ?? new RecordingLogger(), handleSignals: false, reconnectTimeWait: o.reconnectTimeWait ?? 50 });
  try {
    await app.start();
  } catch (err) {
    await app.close();
    throw err;
  }
  return app;
}
