import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rewrites a test file's relative imports of Panini's entry points (`'../../../src/index.js'`,
 * `'../../src/testing/index.js'`, ...) to the names a user imports (`'@panini/core'`,
 * `'@panini/core/testing'`, ...). The names come from package.json `exports`, so a new subpath
 * (`./jetstream`, `./config`, ...) is rewritten as soon as it is exported.
 */
export function publishedImports(repo: string): (source: string) => string {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, { default: string }>;
  };
  const rules = Object.entries(pkg.exports).map(([subpath, target]) => {
    const file = target.default.replace(/^\.\/dist\//, '').replace(/[.]/g, '\\.');
    return { from: new RegExp(`'(?:\\.\\./)+${file}'`, 'g'), to: `'${pkg.name}${subpath.slice(1)}'` };
  });
  return (source) => rules.reduce((s, r) => s.replace(r.from, r.to), source);
}
