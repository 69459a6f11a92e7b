import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';
import { KNOWN_EXCEPTIONS, LAYERS } from './layer-rules.js';

/** One import (or re-export, or dynamic `import()`) of one file, as written. */
export interface ImportEdge { file: string; specifier: string }

export interface Violation { file: string; specifier: string; from: string; to: string; rule: string }

/**
 * Every module specifier a source file names: static `import ... from`, `import type`,
 * `export ... from`, side-effect `import 'x'` and `import('x')` with a string literal.
 * TypeScript's own pre-processor reads them, so strings and comments never count.
 */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Every import of every .ts file under `dir` (a path like `src`), relative to `base`. */
export function readGraph(base: string, dir = 'src'): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const entry of readdirSync(posix.join(base, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
    const file = posix.join(posix.relative(base, entry.parentPath ?? entry.path).split('\\').join('/'), entry.name);
    for (const specifier of importsOf(readFileSync(posix.join(base, file), 'utf8'))) edges.push({ file, specifier });
  }
  return edges;
}

/** `src/app.ts` -> 'root', `src/cli/commands/x.ts` -> 'cli'; undefined outside src/. */
export function folderOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src') return undefined;
  return parts.length === 2 ? 'root' : parts[1];
}

/**
 * The imports that break the layer table: a relative import into a folder the importing folder
 * may not use, out of src/, or from or into a folder the table does not know (a new folder must
 * be placed in the table before it is used). Package imports are not checked.
 */
export function checkGraph(
  edges: readonly ImportEdge[],
  layers: Readonly<Record<string, readonly string[]>> = LAYERS,
  exceptions: ReadonlyArray<{ from: string; to: string }> = KNOWN_EXCEPTIONS,
): Violation[] {
  const out: Violation[] = [];
  for (const { file, specifier } of edges) {
    if (!specifier.startsWith('.')) continue;
    const from = folderOf(file)!;
    const target = posix.normalize(posix.join(posix.dirname(file), specifier.replace(/\?.*$/, '')));
    const to = folderOf(target);
    const add = (rule: string) => out.push({ file, specifier, from, to: to ?? target, rule });
    if (to === undefined) { add(`${file} imports '${specifier}', outside src/`); continue; }
    if (from === to) continue;
    const allowed = layers[from];
    if (allowed === undefined) { add(`folder '${from}' is not in the layer table: place it there first`); continue; }
    if (layers[to] === undefined) { add(`folder '${to}' is not in the layer table: place it there first`); continue; }
    if (allowed.includes(to)) continue;
    if (exceptions.some((e) => e.from === file && e.to === to)) continue;
    add(`${from} may import only ${allowed.length ? allowed.join(', ') : 'nothing else of Panini'}, not ${to}`);
  }
  return out;
}

/** Known exceptions that no import uses any more, so the list is kept honest. */
export function unusedExceptions(
  edges: readonly ImportEdge[],
  exceptions: ReadonlyArray<{ from: string; to: string }> = KNOWN_EXCEPTIONS,
): Array<{ from: string; to: string }> {
  return exceptions.filter((e) => !edges.some(({ file, specifier }) =>
    file === e.from && specifier.startsWith('.') &&
    folderOf(posix.normalize(posix.join(posix.dirname(file), specifier))) === e.to));
}

export function describeViolation(v: Violation): string {
  return `${v.file} imports '${v.specifier}' (${v.from} -> ${v.to}): ${v.rule}`;
}
