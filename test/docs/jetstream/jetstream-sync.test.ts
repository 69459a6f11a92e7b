import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../../../', import.meta.url);
const page = readFileSync(new URL('docs/guide/jetstream.md', root), 'utf8');
const dir = new URL('test/docs/jetstream/', root);

/** The example as a user writes it: package imports instead of the repository's relative ones. */
function asPublished(source: string): string {
  return source
    .replace(/'(\.\.\/)+src\/testing\/index\.js'/g, "'@panini/core/testing'")
    .replace(/'(\.\.\/)+src\/jetstream\/index\.js'/g, "'@panini/core/jetstream'")
    .replace(/'(\.\.\/)+src\/index\.js'/g, "'@panini/core'");
}

function namedBlocks(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(/```ts\n(\/\/ ([\w.-]+\.ts)\n[\s\S]*?)```/g)) out.set(m[2]!, m[1]!);
  return out;
}

describe('docs/guide/jetstream.md', () => {
  const blocks = namedBlocks(page);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('-sync.test.ts'));

  it('should show every example file the suite runs, and no other named file', () => {
    assert.deepEqual([...blocks.keys()].sort(), [...files].sort());
  });

  for (const f of files) {
    it(`should show ${f} exactly as the test suite runs it`, () => {
      assert.equal(blocks.get(f), asPublished(readFileSync(new URL(f, dir), 'utf8')));
    });
  }
});
