import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const root = new URL('../../src/index.js', import.meta.url).href;
const http = new URL('../../src/http/index.js', import.meta.url).href;

/** Imports the given entries in a fresh process and tells whether Express got loaded (a CommonJS package: require.cache shows it). */
async function loadsExpress(entries: string[]): Promise<boolean> {
  const script = `const { createRequire } = await import('node:module');
for (const e of ${JSON.stringify(entries)}) await import(e);
process.stdout.write(String(Object.keys(createRequire(import.meta.url).cache).some((p) => /[\\\\/]express[\\\\/]/.test(p))));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000 });
  return stdout === 'true';
}

describe('Express, an optional peer of the HTTP entry', () => {
  it('should not be loaded by the root entry', async () => {
    assert.equal(await loadsExpress([root]), false);
  });

  it('should be loaded by the HTTP entry', async () => {
    assert.equal(await loadsExpress([root, http]), true);
  });
});
