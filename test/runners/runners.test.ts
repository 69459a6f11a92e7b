import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs a command in the fixture project; resolves with its exit code and output. */
function run(cwd: string, args: string[], timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} did not finish in ${timeoutMs} ms:\n${output}`)); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

describe('the testing kit under other test runners', () => {
  let project: string;
  before(() => {
    // a user project: the fixture's sources, and this repository's node_modules (where @panini/core links back here)
    project = mkdtempSync(join(tmpdir(), 'panini-runners-'));
    cpSync(join(repo, 'test/runners/fixture'), project, { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'dir');
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  describe('when Vitest runs with the SWC plugin', () => {
    it('should pass a controller test with a mocked provider', async () => {
      const { code, output } = await run(project, [join(repo, 'node_modules/vitest/vitest.mjs'), 'run']);
      assert.equal(code, 0, output);
      assert.match(output, /1 passed/);
    });
  });

  describe('when Vitest runs without it (esbuild drops decorator metadata)', () => {
    it('should fail with a message that names Vitest and the SWC plugin', async () => {
      const { code, output } = await run(project, [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.esbuild.config.ts']);
      assert.notEqual(code, 0);
      assert.match(output, /no type metadata/);
      assert.match(output, /Under Vitest, add the SWC plugin \(unplugin-swc\)/);
    });
  });

  describe('when Jest runs with @swc/jest', () => {
    it('should pass the same test', async () => {
      const { code, output } = await run(project, ['--experimental-vm-modules', join(repo, 'node_modules/jest/bin/jest.js'), '--ci']);
      assert.equal(code, 0, output);
      assert.match(output, /Tests:\s+1 passed/);
    });
  });
});
