import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLines, removeDir, tempDir } from './support.js';

const script = fileURLToPath(new URL('./fixtures/exit-scenarios.js', import.meta.url));
const dirs: string[] = [];

function run(scenario: string): { dir: string; stdout: string; stderr: string; status: number | null } {
  const dir = tempDir();
  dirs.push(dir);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['LOG_LEVEL'];
  delete env['LOG_FORMAT'];
  const r = spawnSync(process.execPath, [script, scenario, dir], { encoding: 'utf8', timeout: 20_000, env });
  return { dir, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('logging when the process ends', () => {
  after(() => dirs.forEach(removeDir));

  describe('when the process exits hard while the worker still has lines', () => {
    it('should write them from the main thread on exit', () => {
      const r = run('worker-exit');
      assert.equal(r.status, 0, r.stderr);
      const seen = new Set(readLines(join(r.dir, 'logs', 'app.log')).map((l) => l['i']));
      assert.equal(seen.size, 2000);
    });
  });

  describe('when a line is logged after the logger closed', () => {
    it('should go to standard error when the console is off', () => {
      const r = run('after-close');
      assert.equal(r.status, 0, r.stderr);
      const line = JSON.parse(r.stderr.trim().split('\n').at(-1)!) as Record<string, unknown>;
      assert.deepEqual([line['message'], line['context']], ['late line', 'Late']);
    });
  });

  describe('when getLogger is used and no logger is ever configured', () => {
    it('should write the kept lines at the level from LOG_LEVEL (default info) on exit', () => {
      const r = run('never-configured');
      assert.equal(r.status, 0, r.stderr);
      const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(out.map((l) => [l['message'], l['context'], l['n']]), [['kept line', 'script', 1]]);
    });
  });
});
