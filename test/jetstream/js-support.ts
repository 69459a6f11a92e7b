import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { PaniniFactory, type DynamicModule, type PaniniApplication, type Type } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { RecordingLogger } from '../support/recording-logger.js';

/** A private JetStream server (file storage in a temp folder) and a raw nats.js connection to look at it from outside. */
export interface JsServer {
  server: NatsServerHandle;
  nc: NatsConnection;
  jsm: JetStreamManager;
  dispose(): Promise<void>;
}

export async function startJetStream(): Promise<JsServer> {
  const server = await startNatsServer();
  const nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  const jsm = await jetstreamManager(nc);
  return {
    server, nc, jsm,
    async dispose() {
      await nc.close().catch(() => undefined);
      await server.dispose();
    },
  };
}

export interface TestApp { app: PaniniApplication; logs: RecordingLogger }

/** An app on the private server, its log lines kept. */
export async function startApp(root: Type | DynamicModule, url: string, name = 'js-test'): Promise<TestApp> {
  const logs = new RecordingLogger();
  const app = await PaniniFactory.create(root, { name, servers: url, handleSignals: false, logging: logs, reconnectTimeWait: 100, shutdownTimeout: 30_000 });
  await app.start();
  return { app, logs };
}

/** Header value of a nats.js stored message, or undefined. */
export function header(h: { get(k: string): string } | undefined, name: string): string | undefined {
  const v = h?.get(name);
  return v === '' || v === undefined ? undefined : v;
}
