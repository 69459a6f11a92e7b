import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../cli/support/run-cli.js';
import { publishedImports } from '../../support/published-imports.js';

/** Rewrites the suite's relative imports to the package name, as the README shows them. */
const asPublished = publishedImports(REPO);

/** The code block of README.md that starts with `// <name>`. */
function readmeBlock(name: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = readme.match(new RegExp('```ts\\n(// ' + name.replace(/[./]/g, '\\$&') + '\\n[\\s\\S]*?)```'));
  if (!block) throw new Error(`README.md has no ts block starting with "// ${name}"`);
  return block[1]!;
}

/**
 * The README's "A complete minimal service" as a user types it into a new project: the module and
 * its test come from test/readme/ (which test/docs-site/examples-sync keeps equal to the README), the entry point
 * from the README itself.
 */
export function readmeService(): Record<string, string> {
  const fromSuite = (f: string): string => asPublished(readFileSync(join(REPO, 'test', 'readme', f), 'utf8'));
  return {
    'package.json': JSON.stringify({ name: 'greeter', version: '1.0.0', private: true, type: 'module' }, null, 2),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], strict: true,
        experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: false, outDir: 'dist', rootDir: 'src',
      },
      include: ['src/**/*.ts'],
    }, null, 2),
    'src/greetings.module.ts': fromSuite('greetings.module.ts'),
    'src/greetings.test.ts': fromSuite('greetings.test.ts'),
    'src/main.ts': readmeBlock('src/main.ts'),
  };
}
