import { readFileSync, readdirSync } from 'node:fs';

/** The example as a user writes it: package imports instead of the repository's relative ones. */
export function asPublished(source: string): string {
  return source
    .replace(/'(\.\.\/)+src\/testing\/index\.js'/g, "'@panini/core/testing'")
    .replace(/'(\.\.\/)+src\/jetstream\/index\.js'/g, "'@panini/core/jetstream'")
    .replace(/'(\.\.\/)+src\/index\.js'/g, "'@panini/core'");
}

/** The code blocks of a page that name their file on the first line (`// name.ts`), by file name. */
export function namedBlocks(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(/```ts\n(\/\/ ([\w.-]+\.ts)\n[\s\S]*?)```/g)) out.set(m[2]!, m[1]!);
  return out;
}

/** A guide page and the folder of test files its examples must equal. */
export function pageAndExamples(root: URL, page: string, dir: string): { blocks: Map<string, string>; files: Map<string, string> } {
  const blocks = namedBlocks(readFileSync(new URL(page, root), 'utf8'));
  const folder = new URL(dir, root);
  const files = new Map<string, string>();
  for (const f of readdirSync(folder).filter((n) => n.endsWith('.ts') && !n.endsWith('-sync.test.ts'))) {
    files.set(f, asPublished(readFileSync(new URL(f, folder), 'utf8')));
  }
  return { blocks, files };
}
