// TypeDoc for the API reference pages (docs/api/, generated, not committed). The entry points are
// the package's public subpaths read from package.json `exports` (all but ./internal, which is not
// semver), so a new subpath gets its reference pages without editing this file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const at = (path) => fileURLToPath(new URL(path, import.meta.url));

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entryPoints = Object.entries(pkg.exports)
  .filter(([subpath]) => subpath !== './internal')
  .map(([, target]) => at(target.default.replace(/^\.\/dist\//, '../').replace(/\.js$/, '.ts')));

/** @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>} */
export default {
  entryPoints,
  tsconfig: at('./typedoc.tsconfig.json'),
  out: at('./api'),
  plugin: ['typedoc-plugin-markdown', at('./typedoc-module-names.mjs')],
  entryFileName: 'index',
  readme: 'none',
  hidePageHeader: true,
  hideBreadcrumbs: true,
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  sort: ['kind', 'alphabetical'],
  // Types a public signature names but the entry points do not export (options bags, internal
  // handles) are shown by name; listing each one on every build would bury real warnings.
  validation: { notExported: false },
  logLevel: 'Warn',
};
