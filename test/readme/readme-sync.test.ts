import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
/** Folders whose files the README shows verbatim (as a user would import them). */
const exampleDirs = ['test/readme/', 'test/testing/example/'].map((d) => new URL(d, root));

function asPublished(source: string): string {
  return source
    .replace(/'(\.\.\/)+src\/testing\/index\.js'/g, "'@panini/core/testing'")
    .replace(/'(\.\.\/)+src\/index\.js'/g, "'@panini/core'");
}

/** Code blocks whose first line names a file: `// users.module.ts`. */
function namedBlocks(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(/```ts\n(\/\/ ([\w.-]+\.ts)\n[\s\S]*?)```/g)) out.set(m[2]!, m[1]!);
  return out;
}

const files = new Map<string, URL>();
for (const dir of exampleDirs) {
  for (const f of readdirSync(dir)) if (f.endsWith('.ts') && !f.endsWith('-sync.test.ts')) files.set(f, new URL(f, dir));
}

describe('README.md', () => {
  const blocks = namedBlocks(readme);

  it('should show every example file the suite runs, and no other named file', () => {
    assert.deepEqual([...blocks.keys()].sort(), [...files.keys()].sort());
  });

  for (const [name, url] of files) {
    describe(`when showing ${name}`, () => {
      it('should show exactly the code that the test suite runs', () => {
        assert.equal(blocks.get(name), asPublished(readFileSync(url, 'utf8')));
      });
    });
  }
});
