import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaniniFactory, Module } from '../../src/index.js';
import { MemoryBroker, MemoryLogger, MemoryTransport } from '../../src/testing/index.js';
import { MetricsModule, MetricsServer } from '../../src/metrics/index.js';

async function startApp(metrics: Parameters<typeof MetricsModule.forRoot>[0], logger?: MemoryLogger) {
  @Module({ imports: [MetricsModule.forRoot(metrics)] })
  class AppModule {}
  const app = await PaniniFactory.create(AppModule, { logging: logger ?? { silent: true }, handleSignals: false, transport: new MemoryTransport({ broker: new MemoryBroker() }) });
  await app.start();
  return app;
}

describe('MetricsServer', () => {
  describe('when it has its own listener on a custom path', () => {
    it('should serve the path and answer 404 elsewhere', async () => {
      const app = await startApp({ path: '/prom', listen: { port: 0 }, defaultMetrics: false });
      try {
        const url = app.get(MetricsServer).url;
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const ok = await fetch(`${url}/prom`);
        assert.equal(ok.status, 200);
        const text = await ok.text();
        assert.match(text, /^panini_nats_connection_up 1$/m);
        assert.doesNotMatch(text, /process_cpu_user_seconds_total/);
        assert.equal((await fetch(`${url}/metrics`)).status, 404);
      } finally {
        await app.close();
      }
    });
  });

  describe('when the app has neither the HTTP module nor a listener', () => {
    it('should warn that metrics are not served', async () => {
      const logger = new MemoryLogger();
      const app = await startApp({}, logger);
      await app.close();
      assert.ok(logger.entries.some((e) => e.level === 'warn' && /metrics are collected but not served/.test(e.message)));
    });
  });
});
