import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO, runProcess, type CliResult } from '../../cli/support/run-cli.js';
import { consumerLock } from './consumer-lockfile.js';
import { installedVersion, ownManifest, type PackedPackage } from './packed-package.js';

/** Throws with the command's output when it did not exit 0. */
export function expectSuccess(what: string, res: CliResult): CliResult {
  if (res.code !== 0) throw new Error(`${what} failed (exit ${res.code}):\n${res.stdout}\n${res.stderr}`);
  return res;
}

/** Writes files (path relative to `dir` -> content), creating their folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Copies a fixture project from test/fixtures/ (its sources, never a node_modules or dist). */
export function copyFixture(name: string, dir: string): void {
  cpSync(join(REPO, 'test', 'fixtures', name), dir, { recursive: true, filter: (src) => !/[\\/](node_modules|dist[\w-]*)$/.test(src) });
}

/**
 * Installs the packed tarball (with @types/node, the peer dependencies and the `extra` dependencies at the repository's
 * versions) into the project at `dir` with `npm ci --offline`: every dependency comes from npm's
 * cache, filled by the repository's own `npm ci`, so the test never needs the registry.
 */
export async function installPackage(dir: string, packed: PackedPackage, extra: string[] = []): Promise<void> {
  const own = ownManifest();
  const dependencies: Record<string, string> = { [own.name]: `file:${relative(dir, packed.tarball)}` };
  // class-validator and class-transformer are peer dependencies: the consumer lists them itself, as users must
  for (const name of new Set(['@types/node', 'class-transformer', 'class-validator', ...extra])) dependencies[name] = installedVersion(name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, dependencies }, null, 2));
  const lock = consumerLock(pkg.name, dependencies, { ...own, integrity: packed.integrity });
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  expectSuccess('npm ci --offline', await runProcess('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: dir, timeout: 120_000 }));
}

/** Compiles a project with the repository's TypeScript compiler, as its own tsconfig file says. */
export async function compile(dir: string, tsconfig = 'tsconfig.json'): Promise<void> {
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  expectSuccess(`tsc -p ${tsconfig}`, await runProcess(process.execPath, [tsc, '-p', join(dir, tsconfig)], { cwd: dir, timeout: 120_000 }));
}
