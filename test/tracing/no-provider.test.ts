import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '@opentelemetry/api';
import { TracingModule } from '../../src/tracing/index.js';
import { runEcho } from './fixtures/echo-service.js';
import { installOtelGlobals } from './support.js';

// one process, one global provider: registered only after the no-provider case has run
describe('tracing without a tracer provider, and without the module', () => {
  describe('when the module is imported but no tracer provider is registered', () => {
    it('should send no trace headers and hook nothing', async () => {
      const heard = await runEcho([TracingModule.forRoot()]);
      assert.deepEqual(heard, [{}]);
    });
  });

  describe('when a global provider is registered but the module is not imported', () => {
    it('should record no span and send no trace headers', async () => {
      const { provider, exporter } = installOtelGlobals();
      assert.ok(trace.setGlobalTracerProvider(provider));
      try {
        assert.deepEqual(await runEcho(), [{}]);
        assert.deepEqual(exporter.getFinishedSpans(), []);
        // the same app with the module: spans and headers, so the two checks above can fail
        const heard = await runEcho([TracingModule.forRoot()]);
        assert.match(heard[0]?.['traceparent'] ?? '', /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
        assert.deepEqual(exporter.getFinishedSpans().map((s) => s.name).sort(), ['process echo.said', 'process echo.say', 'send echo.said', 'send echo.say']);
      } finally {
        trace.disable();
      }
    });
  });
});
