import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Where .ci/run caches the Node versions it installs from the npm registry's `node` package. */
export const NODE_CACHE = process.env['PANINI_NODE_CACHE'] ?? join(homedir(), '.cache', 'panini-node');

/** A Node binary this machine can run, and whether it can `require()` an ES module. */
export interface NodeBinary {
  path: string;
  version: string;
  requireModule: boolean;
}

function probe(path: string): NodeBinary | undefined {
  const res = spawnSync(path, ['-p', 'process.version + " " + Boolean(process.features.require_module)'], { encoding: 'utf8', timeout: 30_000 });
  const [version, flag] = (res.stdout ?? '').trim().split(' ');
  if (res.status !== 0 || !version) return undefined;
  return { path, version, requireModule: flag === 'true' };
}

/**
 * The Node running this test plus every Node .ci/run cached, one per version, oldest first.
 * `process.features.require_module` says whether `require()` of an ES module works without a flag
 * (Node 20.19+, 22.12+ and 24).
 */
export function availableNodes(): NodeBinary[] {
  const paths = [process.execPath];
  if (existsSync(NODE_CACHE)) {
    for (const v of readdirSync(NODE_CACHE)) {
      const bin = join(NODE_CACHE, v, 'node_modules', '.bin', 'node');
      if (existsSync(bin)) paths.push(bin);
    }
  }
  const byVersion = new Map<string, NodeBinary>();
  for (const p of paths) {
    const node = probe(p);
    if (node && !byVersion.has(node.version)) byVersion.set(node.version, node);
  }
  const major = (n: NodeBinary): number[] => n.version.slice(1).split('.').map(Number);
  return [...byVersion.values()].sort((a, b) => {
    const [x, y] = [major(a), major(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
}
