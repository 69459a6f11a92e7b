import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const root = new URL('../../src/index.js', import.meta.url).href;
const testing = new URL('../../src/testing/index.js', import.meta.url).href;
const metrics = new URL('../../src/metrics/index.js', import.meta.url).href;

/**
 * In a fresh process: imports the entries, creates and starts an app on the memory transport
 * (with `MetricsModule` when asked), closes it, and tells whether prom-client got loaded. It is
 * a CommonJS package, so the require cache shows it whichever way it was imported.
 */
async function loadsPromClient(withMetrics: boolean): Promise<boolean> {
  const script = `const { createRequire } = await import('node:module');
const { PaniniFactory, Module } = await import(${JSON.stringify(root)});
const { MemoryTransport, MemoryBroker } = await import(${JSON.stringify(testing)});
const imports = ${withMetrics} ? [(await import(${JSON.stringify(metrics)})).MetricsModule.forRoot()] : [];
class AppModule {}
Module({ imports })(AppModule);
const app = await PaniniFactory.create(AppModule, { logging: { silent: true }, handleSignals: false, transport: new MemoryTransport({ broker: new MemoryBroker() }) });
await app.start();
await app.close();
process.stdout.write(String(Object.keys(createRequire(import.meta.url).cache).some((p) => /[\\\\/]prom-client[\\\\/]/.test(p))));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000 });
  return stdout === 'true';
}

describe('prom-client, an optional peer of the metrics entry', () => {
  describe('when an app does not import the metrics module', () => {
    it('should not be loaded, even once the app has started', async () => {
      assert.equal(await loadsPromClient(false), false);
    });
  });

  describe('when an app imports the metrics module', () => {
    it('should be loaded', async () => {
      assert.equal(await loadsPromClient(true), true);
    });
  });
});
