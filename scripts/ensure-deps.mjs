// Runs `npm ci` when the dependencies are not installed yet, so `npm start` and `npm test` work
// as the first commands on a fresh clone. Uses only Node built-ins: nothing is installed yet.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const marker = new URL('../node_modules/.package-lock.json', import.meta.url);
if (!existsSync(marker)) {
  process.stderr.write('[panini] dependencies are not installed yet: running npm ci\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
