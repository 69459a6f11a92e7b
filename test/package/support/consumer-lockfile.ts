import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../cli/support/run-cli.js';

type LockEntry = Record<string, unknown> & {
  version?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** The folder a lock path is installed under: `node_modules/a/node_modules/b` -> `node_modules/a`. */
function parentOf(path: string): string {
  const at = path.lastIndexOf('/node_modules/');
  return at < 0 ? '' : path.slice(0, at);
}

/** Node's lookup of `name` from the package at `from`, over the lock's paths. */
function resolve(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = parentOf(dir)) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate] && !packages[candidate]!.link) return candidate;
    if (!dir) return undefined;
  }
}

/**
 * A package-lock.json for a consumer of the packed tarball, cut from the repository's own lock:
 * exactly the packages reachable from `dependencies`, at the versions and places `npm ci` put them
 * here. npm's cache holds their tarballs but not the registry metadata an `npm install` of a
 * version range would need, so the consumer installs with `npm ci --offline` from this lock.
 * @param dependencies the consumer's dependencies; `@panini/core` must be `file:<tarball>`
 * @param panini the packed package: its manifest dependencies, bin and tarball integrity
 */
export function consumerLock(
  name: string,
  dependencies: Record<string, string>,
  panini: { integrity: string; dependencies: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }>; bin: Record<string, string> | string; version: string },
): object {
  const repo = (JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const out: Record<string, LockEntry> = {
    '': { name, version: '1.0.0', dependencies },
    'node_modules/@panini/core': {
      version: panini.version, resolved: dependencies['@panini/core'], integrity: panini.integrity,
      dependencies: panini.dependencies, peerDependencies: panini.peerDependencies,
      peerDependenciesMeta: panini.peerDependenciesMeta, bin: panini.bin,
    },
  };
  const queue: Array<[string, Record<string, string>]> = [
    ['', Object.fromEntries(Object.entries(dependencies).filter(([d]) => d !== '@panini/core'))],
    ['', panini.dependencies],
  ];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [from, deps] = next;
    for (const dep of Object.keys(deps)) {
      const path = resolve(repo, from, dep);
      if (!path) continue; // an optional or peer dependency the repository does not install either
      if (out[path]) continue;
      const { dev: _dev, devOptional: _devOptional, ...entry } = repo[path]!;
      out[path] = entry;
      queue.push([path, { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies }]);
    }
  }
  return { name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: out };
}
