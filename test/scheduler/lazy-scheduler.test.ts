import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const probe = fileURLToPath(new URL('./fixtures/croner-probe.js', import.meta.url));

async function run(mode: 'none' | 'cron' | 'inject'): Promise<{ croner: boolean; tasks?: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [probe, mode], { timeout: 60_000 });
  return JSON.parse(stdout) as { croner: boolean; tasks?: number };
}

describe('the scheduler, created only when needed', () => {
  describe('when no module declares scheduled work', () => {
    it('should not load croner while the app is created, started and closed', async () => {
      assert.deepEqual(await run('none'), { croner: false });
    });

    it('should still give a working Scheduler to whoever asks for it', async () => {
      assert.deepEqual(await run('inject'), { croner: false, tasks: 0 });
    });
  });

  describe('when a module declares a @Cron method', () => {
    it('should load croner to compile the schedule', async () => {
      assert.deepEqual(await run('cron'), { croner: true });
    });
  });
});
