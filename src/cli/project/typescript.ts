import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TS from 'typescript';
import { CliError } from '../cli-error.js';
import type { ResolvedProject } from '../config/cli-config.js';

type TypeScript = typeof TS;

/**
 * The project's own TypeScript (the one its build uses), falling back to the CLI's. Loaded
 * lazily: `panini request` and `panini new` never need it.
 */
export function loadTypeScript(fromDir: string): { ts: TypeScript; tscPath: string } {
  for (const base of [join(fromDir, 'package.json'), import.meta.url]) {
    try {
      const req = createRequire(base);
      const main = req.resolve('typescript');
      return { ts: req('typescript') as TypeScript, tscPath: join(dirname(main), '..', 'bin', 'tsc') };
    } catch {
      // try the next place
    }
  }
  throw new CliError('project', `TypeScript is not installed for ${fromDir}: run npm install -D typescript`);
}

/** Reads the project's tsconfig the way tsc does; config errors become a CliError. */
export function parseTsConfig(project: ResolvedProject): { ts: TypeScript; tscPath: string; parsed: TS.ParsedCommandLine } {
  if (!existsSync(project.tsConfigPath)) {
    throw new CliError('project', `the TypeScript config ${project.tsConfigPath} does not exist: set compilerOptions.tsConfigPath in ${project.configFile ?? 'nest-cli-style.json'}`);
  }
  const { ts, tscPath } = loadTypeScript(project.root);
  const problems: string[] = [];
  const host: TS.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(project.tsConfigPath, undefined, host);
  if (!parsed || problems.length) throw new CliError('project', `cannot read ${project.tsConfigPath}: ${problems.join('; ') || 'unknown error'}`);
  return { ts, tscPath, parsed };
}

/** Where tsc writes the JavaScript of a source file (`src/main.ts` -> `dist/src/main.js`). */
export function outputOf(ts: TypeScript, parsed: TS.ParsedCommandLine, sourceFile: string): string {
  const outputs = ts.getOutputFileNames(parsed, sourceFile, !ts.sys.useCaseSensitiveFileNames);
  const js = outputs.find((f) => /\.(c|m)?js$/.test(f));
  if (!js) throw new CliError('project', `tsc emits no JavaScript for ${sourceFile}: check noEmit and outDir in the tsconfig`);
  return js;
}

/** The TypeScript source of `<sourceRoot>/<file>` (.ts, .mts or .tsx). */
export function sourceFileOf(project: ResolvedProject, file: string, what: string): string {
  for (const ext of ['.ts', '.mts', '.tsx']) {
    const candidate = join(project.sourceRoot, file + ext);
    if (existsSync(candidate)) return candidate;
  }
  throw new CliError('project', `the ${what} ${join(project.sourceRoot, file)}.ts does not exist: check sourceRoot and ${what === 'entry file' ? 'entryFile' : 'appModule'} in ${project.configFile ?? 'nest-cli-style.json'}`);
}
