import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { ContainerError } from './errors/container.error.js';

/**
 * Peer dependencies that must be one copy shared by the app and Panini. class-transformer keeps
 * `@Type()` metadata in a module-level storage: with two copies the app's DTOs record nested types
 * in one and Panini converts with the other, so every nested DTO is refused with a cryptic
 * "an unknown value was passed to the validate function". class-validator goes with it: the two
 * are installed and upgraded together.
 */
const SHARED_PEERS = ['class-transformer', 'class-validator'];

/** The real folder of `name` as Node resolves it from the file `from`, or undefined when not found. */
function packageDir(from: string, name: string): string | undefined {
  try {
    return dirname(realpathSync(createRequire(from).resolve(`${name}/package.json`)));
  } catch {
    return undefined;
  }
}

/**
 * Where the app's own imports resolve from: its main module, unless that is a tool inside a
 * node_modules folder (a test runner's bin), then the working directory.
 */
function appEntry(): string {
  const main = process.argv[1];
  if (main) {
    try {
      const real = realpathSync(main);
      if (!real.split(sep).includes('node_modules')) return real;
    } catch {
      // argv[1] is not a file (node -e, a REPL): fall back to the working directory
    }
  }
  return join(process.cwd(), 'index.js');
}

/**
 * Fails start-up when the app resolves a shared peer to another copy than Panini does (a
 * framework installed by path, `npm install ../panini`, brings its own node_modules). Resolving
 * costs a few file lookups per app.
 * @throws ContainerError (kind `duplicate-package`) naming both folders and how to make them one.
 */
export function checkSharedPeers(app: string = appEntry(), own: string = import.meta.url): void {
  for (const name of SHARED_PEERS) {
    const mine = packageDir(own, name);
    const theirs = packageDir(app, name);
    if (mine === undefined || theirs === undefined || mine === theirs) continue;
    throw new ContainerError('duplicate-package',
      `two copies of ${name} are installed: the app loads ${theirs}, @panini/core loads ${mine}. ` +
      'Nested DTOs cannot be converted across copies (every one would be refused). Make them one copy: ' +
      'install @panini/core from its packed tarball or the registry (class-validator and class-transformer are its peer ' +
      'dependencies, listed in your own package.json), then run npm dedupe; a symlinked checkout of Panini brings its own node_modules');
  }
}
