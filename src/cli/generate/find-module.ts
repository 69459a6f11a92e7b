import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/**
 * The module a new class belongs to, found the way Nest finds it: the nearest `*.module.ts`
 * from `startDir` up to `sourceRoot`. In a folder with several, the one named after the folder,
 * then `app.module.ts`, wins.
 */
export function findNearestModule(startDir: string, sourceRoot: string, exclude: string[] = []): string | undefined {
  if (relative(sourceRoot, startDir).startsWith('..')) return undefined;
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const modules = readdirSync(dir)
        .filter((f) => f.endsWith('.module.ts'))
        .map((f) => join(dir, f))
        .filter((f) => !exclude.includes(f))
        .sort();
      const preferred = [join(dir, `${basename(dir)}.module.ts`), join(dir, 'app.module.ts')].find((f) => modules.includes(f));
      if (preferred ?? modules[0]) return preferred ?? modules[0];
    }
    if (dir === sourceRoot || dirname(dir) === dir || !`${dir}${sep}`.startsWith(`${sourceRoot}${sep}`)) return undefined;
  }
}

/** An ESM import specifier from `fromFile` to the TypeScript file `toFile` (`./orders/orders.service.js`). */
export function importSpecifier(fromFile: string, toFile: string): string {
  let rel = relative(dirname(fromFile), toFile).split(sep).join('/').replace(/\.ts$/, '.js');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}
