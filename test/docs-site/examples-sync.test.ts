import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO } from '../cli/support/run-cli.js';
import { publishedImports } from '../support/published-imports.js';

/**
 * Every code block of README.md and docs/**.md whose first line names a file (`// users.module.ts`)
 * shows a file the suite compiles and runs, found by its name under one of these folders, with the
 * file's relative imports of Panini written as a user writes them (`'@panini/core'`, ...). A page
 * adds an example by adding the file under test/docs/<topic>/ and the block to the page.
 *
 * A file whose first line names itself (`// users.module.ts` in users.module.ts) is an example and
 * must be shown on at least one page; other files in those folders are helpers the examples' tests
 * use, and need not be shown.
 */
const EXAMPLE_DIRS = ['test/readme', 'test/testing/example', 'test/docs'];
/** Generated (the API reference) or not pages (the site's config, cache and build). */
const NOT_PAGES = new Set(['docs/api', 'docs/.vitepress', 'node_modules']);

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (NOT_PAGES.has(rel)) continue;
    if (entry.isDirectory()) out.push(...walk(rel, keep));
    else if (keep(rel)) out.push(rel);
  }
  return out.sort();
}

/** The named blocks of a page: `// name.ts` on the first line of a ```ts fence. */
function namedBlocks(markdown: string): { name: string; code: string }[] {
  return [...markdown.matchAll(/^```ts[^\n]*\n(\/\/ ([\w.-]+\.ts)\n[\s\S]*?)^```/gm)].map((m) => ({ name: m[2]!, code: m[1]! }));
}

const asPublished = publishedImports(REPO);
const pages = ['README.md', ...walk('docs', (f) => f.endsWith('.md'))];
const examples = EXAMPLE_DIRS.flatMap((d) => walk(d, (f) => f.endsWith('.ts')));
const byName = new Map<string, string[]>();
for (const f of examples) byName.set(basename(f), [...(byName.get(basename(f)) ?? []), f]);
const published = new Map(examples.map((f) => [f, asPublished(readFileSync(join(REPO, f), 'utf8'))]));
const selfNamed = examples.filter((f) => published.get(f)!.startsWith(`// ${basename(f)}\n`));

describe('documentation examples', () => {
  const shown = new Set<string>();

  for (const page of pages) {
    const blocks = namedBlocks(readFileSync(join(REPO, page), 'utf8'));
    if (blocks.length === 0) continue;
    describe(`when ${page} shows a named file`, () => {
      for (const { name, code } of blocks) {
        it(`should show ${name} exactly as the suite runs it`, () => {
          const candidates = byName.get(name) ?? [];
          assert.ok(candidates.length > 0,
            `${page} shows "// ${name}", but no ${name} exists under ${EXAMPLE_DIRS.join(', ')}: add the file (the suite compiles and runs it) or drop the name`);
          const same = candidates.find((f) => published.get(f) === code);
          if (same) shown.add(same);
          else assert.equal(code, published.get(candidates[0]!), `${page}: the block "// ${name}" differs from ${candidates.join(' and ')}`);
        });
      }
    });
  }

  it('should show every example file (one whose first line names it) on at least one page', () => {
    // Runs after the per-block cases above (node:test runs a suite's tests in order).
    assert.ok(selfNamed.length >= 8, `only ${selfNamed.length} example files found under ${EXAMPLE_DIRS.join(', ')}`);
    const missing = selfNamed.filter((f) => !shown.has(f));
    assert.deepEqual(missing, [], `shown on no page (README.md or docs/): ${missing.join(', ')}`);
  });
});
