import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '../../cli/support/run-cli.js';
import { consumerLock } from './consumer-lockfile.js';
import { expectSuccess } from './consumer-project.js';
import { ownManifest } from './packed-package.js';

interface ProjectManifest { name: string; dependencies: Record<string, string>; devDependencies?: Record<string, string> }

/**
 * Installs a project made by `panini new --link` offline: its own package.json as written, a lock
 * cut from the repository's (npm's cache holds every tarball but no registry metadata), and the
 * packed @panini/core the CLI put under vendor/.
 */
export async function installScaffold(dir: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as ProjectManifest;
  const core = pkg.dependencies['@panini/core'];
  if (!core?.startsWith('file:')) throw new Error(`the project does not install a packed @panini/core: ${core}`);
  const tarball = readFileSync(join(dir, core.slice('file:'.length)));
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const dev = pkg.devDependencies ?? {};
  const lock = consumerLock(pkg.name, { ...pkg.dependencies, ...dev }, { ...ownManifest(), integrity }) as { packages: Record<string, Record<string, unknown>> };
  lock.packages[''] = { name: pkg.name, version: '0.1.0', dependencies: pkg.dependencies, devDependencies: dev };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  expectSuccess('npm ci --offline', await runProcess('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: dir, timeout: 120_000 }));
}
