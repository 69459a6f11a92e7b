import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);
const examples = new URL('test/docs/', root);

/** The import paths a user writes: `../../../src/config/index.js` -> `@panini/core/config`. */
function asPublished(source: string): string {
  return source
    .replace(/'(\.\.\/)+src\/index\.js'/g, "'@panini/core'")
    .replace(/'(\.\.\/)+src\/(\w+)\/index\.js'/g, "'@panini/core/$2'");
}

/** Code blocks whose first line names a file: `// users.module.ts`. */
function namedBlocks(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(/```ts\n(\/\/ ([\w.-]+\.ts)\n[\s\S]*?)```/g)) out.set(m[2]!, m[1]!);
  return out;
}

// every folder of test/docs/ is the examples of docs/guide/<folder>.md
const topics = readdirSync(examples).filter((d) => statSync(new URL(d, examples)).isDirectory());

for (const topic of topics) {
  describe(`docs/guide/${topic}.md`, () => {
    const page = readFileSync(new URL(`docs/guide/${topic}.md`, root), 'utf8');
    const blocks = namedBlocks(page);
    const dir = new URL(`${topic}/`, examples);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

    it('should show every example file of its folder, and no other named file', () => {
      assert.deepEqual([...blocks.keys()].sort(), files.sort());
    });

    for (const f of files) {
      it(`should show ${f} exactly as the test suite runs it`, () => {
        assert.equal(blocks.get(f), asPublished(readFileSync(new URL(f, dir), 'utf8')));
      });
    }
  });
}
