import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../../../', import.meta.url);
const page = readFileSync(new URL('docs/guide/kv.md', root), 'utf8');
const dir = new URL('test/docs/kv/', root);

/** Imports as a user writes them. */
function asPublished(source: string): string {
  return source
    .replace(/'(\.\.\/)+src\/testing\/index\.js'/g, "'@panini/core/testing'")
    .replace(/'(\.\.\/)+src\/jetstream\/index\.js'/g, "'@panini/core/jetstream'")
    .replace(/'(\.\.\/)+src\/index\.js'/g, "'@panini/core'");
}

/** Code blocks whose first line names a file: `// billing.module.ts`. */
function namedBlocks(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(/```ts\n(\/\/ ([\w.-]+\.ts)\n[\s\S]*?)```/g)) out.set(m[2]!, m[1]!);
  return out;
}

describe('docs/guide/kv.md', () => {
  const blocks = namedBlocks(page);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('-sync.test.ts'));

  it('should show every example file the suite runs, and no other named file', () => {
    assert.deepEqual([...blocks.keys()].sort(), files.sort());
  });

  for (const f of files) {
    it(`should show exactly the code of ${f} that the suite runs`, () => {
      assert.equal(blocks.get(f), asPublished(readFileSync(new URL(f, dir), 'utf8')));
    });
  }
});
