import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The modules a fresh Node process loads for `entry` (file URLs), seen by a resolve hook. The hook
 * runs on its own thread, so it appends to a file synchronously: a write to stdout from there can
 * be lost when the process exits first (seen on Node 24).
 */
function loadedBy(entry: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'panini-lazy-load-'));
  const file = join(dir, 'loaded.txt');
  try {
    const hooks = `import { appendFileSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(file)}, r.url + '\\n'); return r; }`;
    const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;
    execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '-e', `await import(${JSON.stringify(entry)})`, '--input-type=module'], { cwd: repo, encoding: 'utf8' });
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('@panini/core/jetstream', () => {
  describe('when a service imports only the root entry', () => {
    it('should load none of the JetStream code and not @nats-io/jetstream', () => {
      const loaded = loadedBy('./dist/src/index.js');
      assert.ok(loaded.some((u) => u.endsWith('/dist/src/app.js')), 'the hook saw the core load');
      assert.deepEqual(loaded.filter((u) => u.includes('/src/jetstream/') || u.includes('@nats-io/jetstream')), []);
    });
  });

  describe('when it imports the subpath', () => {
    it('should load the JetStream code', () => {
      const loaded = loadedBy('./dist/src/jetstream/index.js');
      assert.ok(loaded.some((u) => u.includes('@nats-io/jetstream')));
    });
  });
});
