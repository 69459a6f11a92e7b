import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PaniniFactory, type PaniniApplication, type PaniniOptions } from '../../src/index.js';
import { HttpModule, HttpServer } from '../../src/http/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { TracingModule } from '../../src/tracing/index.js';
import { readLines, removeDir, tempDir } from '../logging/support.js';
import { assertOrderTrace, installOtelGlobals, OrdersModule, postOrder, ShippingModule, StockModule } from './support.js';

describe('one trace across HTTP and three services on a nats-server', () => {
  const { provider, exporter } = installOtelGlobals();
  const root = tempDir();
  let nats: NatsServerHandle;
  const apps: PaniniApplication[] = [];
  const service = async (name: string, imports: unknown[], logging: PaniniOptions['logging']) => {
    const app = await PaniniFactory.create({ module: class Root {}, imports: [TracingModule.forRoot({ tracerProvider: provider }), ...imports] as never }, { name, servers: nats.url, handleSignals: false, logging });
    await app.start();
    apps.push(app);
    return app;
  };

  before(async () => {
    nats = await startNatsServer();
  });
  after(async () => {
    for (const app of apps) await app.close();
    await nats.dispose();
    removeDir(root);
  });

  describe('when an HTTP request with a traceparent reaches service A', () => {
    it('should link every span and put the span ids on the log lines written inside them', async () => {
      const orders = await service('orders', [HttpModule.forRoot({ port: 0, host: '127.0.0.1' }), OrdersModule], { silent: true });
      // one service logs on the main thread, the other through the logging worker: both paths carry the ids
      await service('stock', [StockModule], { root, dir: 'stock', console: false, worker: false });
      await service('shipping', [ShippingModule], { root, dir: 'shipping', console: false, worker: true });
      const res = await postOrder(orders.get(HttpServer).url, 2);
      assert.deepEqual(await res.json(), { reserved: 2 });
      const spans = await assertOrderTrace(exporter);
      for (const app of apps.splice(0)) await app.close();

      const line = (dir: string, message: string) => readLines(join(root, dir, 'app.log')).find((l) => l['message'] === message);
      assert.deepEqual(pickIds(line('stock', 'reserving stock')), { trace_id: spans.processB!.spanContext().traceId, span_id: spans.processB!.spanContext().spanId });
      assert.deepEqual(pickIds(line('shipping', 'shipping planned')), { trace_id: spans.processC!.spanContext().traceId, span_id: spans.processC!.spanContext().spanId });
    });
  });
});

function pickIds(line: Record<string, unknown> | undefined): Record<string, unknown> {
  assert.ok(line, 'the line was written');
  return { trace_id: line['trace_id'], span_id: line['span_id'] };
}
