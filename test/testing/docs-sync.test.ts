import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);
const doc = readFileSync(new URL('docs/testing.md', root), 'utf8');
const exampleDir = new URL('test/testing/example/', root);

/** The example files as a user would write them: package imports instead of repository paths. */
function asPublished(source: string): string {
  return source
    .replaceAll("'../../../src/testing/index.js'", "'@panini/core/testing'")
    .replaceAll("'../../../src/index.js'", "'@panini/core'");
}

/** Code blocks of the doc whose first line names a file: `// users.module.ts`. */
function namedBlocks(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(/```ts\n(\/\/ ([\w.-]+\.ts)\n[\s\S]*?)```/g)) out.set(m[2]!, m[1]!);
  return out;
}

describe('docs/testing.md', () => {
  const blocks = namedBlocks(doc);
  const files = readdirSync(exampleDir).filter((f) => f.endsWith('.ts'));

  it('should show every example file of test/testing/example', () => {
    assert.deepEqual([...blocks.keys()].sort(), files.sort());
  });

  for (const file of files) {
    describe(`when showing ${file}`, () => {
      it('should show exactly the code that the test suite runs', () => {
        assert.equal(blocks.get(file), asPublished(readFileSync(new URL(file, exampleDir), 'utf8')));
      });
    });
  }
});
