import { PaniniFactory, type PaniniApplication } from '@panini/core';
import { HttpServer } from '@panini/core/http';
import { banner } from './bootstrap/banner.js';
import { chooseBroker, type Broker } from './bootstrap/choose-broker.js';
import { loadConfig } from './config/service-config.js';

/**
 * Starts the service: picks a broker (see chooseBroker), starts the app, prints where it
 * listens, and on SIGINT/SIGTERM drains it and stops the development broker if there is one.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const broker: Broker = await chooseBroker(config, (text) => console.warn(text));
  let app: PaniniApplication | undefined;
  try {
    // imported after the configuration was checked, so a bad variable reads as one line
    const root = broker.kind === 'memory'
      ? (await import('./in-memory-app.module.js')).InMemoryAppModule
      : (await import('./app.module.js')).AppModule;
    if (broker.kind === 'memory') console.warn('!!! No JetStream in memory: order events are not kept, cancellations release no stock.\n');
    app = await PaniniFactory.create(root, {
      name: config.name,
      servers: broker.servers,
      transport: broker.transport,
      logging: { level: config.logLevel },
      handleSignals: false,
    });
    await app.start();
  } catch (err) {
    await app?.close().catch(() => undefined);
    await broker.dispose();
    throw err;
  }
  console.log(banner(config.name, broker, app.get(HttpServer).url));

  const started = app;
  const stop = (signal: NodeJS.Signals): void => {
    void started.close(signal)
      .then(() => broker.dispose())
      .then(() => process.exit(0), (err: unknown) => {
        console.error(`${config.name} did not stop cleanly: ${(err as Error).message}`);
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`orders example could not start: ${(err as Error).message}`);
  process.exit(1);
});
