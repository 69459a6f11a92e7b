import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runProcess } from '../../cli/support/run-cli.js';

/** What `npm pack` produced: the tarball and the paths inside it (relative to the package root). */
export interface PackedPackage {
  tarball: string;
  /** The tarball's `sha512-...` integrity, as a lock file records it. */
  integrity: string;
  files: string[];
}

/**
 * Packs the repository's current build with `npm pack`, the way it is published. Runs no build
 * itself: `npm test` compiled dist/ before any test file started.
 */
export async function packPackage(destination: string): Promise<PackedPackage> {
  const res = await runProcess('npm', ['pack', '--json', '--pack-destination', destination], { cwd: REPO, timeout: 60_000 });
  if (res.code !== 0) throw new Error(`npm pack failed (${res.code}):\n${res.stderr}`);
  const [info] = JSON.parse(res.stdout) as Array<{ filename: string; integrity: string; files: Array<{ path: string }> }>;
  if (!info) throw new Error(`npm pack printed no package:\n${res.stdout}`);
  return { tarball: join(destination, info.filename), integrity: info.integrity, files: info.files.map((f) => f.path) };
}

/** The repository's package.json, as the packed copy carries it. */
export interface Manifest {
  name: string;
  version: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, Record<string, string>>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}

export function ownManifest(): Manifest {
  return JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
}

/** The version of a dependency installed in the repository, so an offline install finds it in npm's cache. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
