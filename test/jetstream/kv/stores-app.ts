import { Module, PaniniFactory, type DynamicModule, type PaniniApplication, type Type } from '../../../src/index.js';
import { storeProviders, type StoreDeclarations } from '../../../src/jetstream/stores.providers.js';
import { RecordingLogger } from '../../support/recording-logger.js';

@Module({})
class Stores {
  static forRoot(o: StoreDeclarations): DynamicModule {
    const { providers, exports } = storeProviders(o);
    return { module: Stores, global: true, providers, exports };
  }
}

/** An app on a private server with the given stores, controllers and providers, started. */
export async function storesApp(url: string, o: StoreDeclarations & { controllers?: Type[]; providers?: Type[]; logger?: RecordingLogger; name?: string }): Promise<PaniniApplication> {
  @Module({ imports: [Stores.forRoot(o)], controllers: o.controllers ?? [], providers: o.providers ?? [] })
  class AppModule {}
  const app = await PaniniFactory.create(AppModule, { name: o.name ?? 'kv-test', servers: url, logging: o.logger ?? new RecordingLogger(), handleSignals: false, reconnectTimeWait: 50 });
  try {
    await app.start();
  } catch (err) {
    await app.close();
    throw err;
  }
  return app;
}
