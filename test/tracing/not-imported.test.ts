import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const fixture = new URL('./fixtures/echo-service.js', import.meta.url).href;
const tracing = new URL('../../src/tracing/index.js', import.meta.url).href;

/**
 * Runs a request and an event through a testing app in a fresh process and tells whether
 * `@opentelemetry/api` got loaded (its CommonJS build: require.cache shows it).
 */
async function loadsOtel(withTracing: boolean): Promise<{ loaded: boolean; heard: unknown }> {
  const script = `const { createRequire } = await import('node:module');
const { runEcho } = await import(${JSON.stringify(fixture)});
const imports = ${withTracing} ? [(await import(${JSON.stringify(tracing)})).TracingModule.forRoot()] : [];
const heard = await runEcho(imports);
const loaded = Object.keys(createRequire(import.meta.url).cache).some((p) => /[\\\\/]@opentelemetry[\\\\/]api[\\\\/]/.test(p));
process.stdout.write(JSON.stringify({ loaded, heard }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000 });
  return JSON.parse(stdout) as { loaded: boolean; heard: unknown };
}

describe('@opentelemetry/api, an optional peer of the tracing entry', () => {
  describe('when the tracing module is not imported', () => {
    it('should not be loaded while messages are handled and published', async () => {
      const { loaded, heard } = await loadsOtel(false);
      assert.equal(loaded, false);
      assert.deepEqual(heard, [{}], 'the event went out with no trace headers');
    });
  });

  describe('when the tracing module is imported', () => {
    it('should be loaded', async () => {
      assert.equal((await loadsOtel(true)).loaded, true);
    });
  });
});
