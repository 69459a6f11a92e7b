import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PaniniApplication } from '../../app.js';
import { PaniniFactory } from '../../factory.js';
import type { DynamicModule, Type } from '../../metadata/types.js';
import { CliError } from '../cli-error.js';
import type { ResolvedProject } from '../config/cli-config.js';
import { buildOrFail } from '../project/build.js';
import { outputOf, parseTsConfig, sourceFileOf } from '../project/typescript.js';
import { describeApp } from '../info/app-description.js';
import { formatInfo } from '../info/format-info.js';

export interface InfoOptions { build?: boolean; json?: boolean }

const OWN_INDEX = fileURLToPath(new URL('../../index.js', import.meta.url));

/** The `@panini/core` entry the project's code imports, or undefined when it has none. */
function projectCore(root: string): string | undefined {
  try {
    return realpathSync(createRequire(join(root, 'package.json')).resolve('@panini/core'));
  } catch {
    return undefined;
  }
}

/**
 * Metadata lives in symbols private to one copy of `@panini/core`. When the project uses another
 * copy than this CLI (a global install), its own CLI reads it instead.
 */
function delegate(theirIndex: string): Promise<number> {
  const cli = join(dirname(theirIndex), 'cli', 'main.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, PANINI_CLI_DELEGATED: '1' } });
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function loadRootModule(project: ResolvedProject): Promise<Type | DynamicModule> {
  const { ts, parsed } = parseTsConfig(project);
  const out = outputOf(ts, parsed, sourceFileOf(project, project.appModule.file, 'app module'));
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(out).href)) as Record<string, unknown>;
  } catch (err) {
    throw new CliError('project', `cannot load the app module ${out}: ${(err as Error).message}${(err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' ? ' (is the project built? run without --no-build)' : ''}`);
  }
  const root = mod[project.appModule.exportName];
  if (typeof root !== 'function' && (typeof root !== 'object' || root === null)) {
    const names = Object.keys(mod).join(', ') || 'nothing';
    throw new CliError('project', `${out} does not export ${project.appModule.exportName} (it exports ${names}): set appModule to "file#ExportName" in ${project.configFile ?? 'nest-cli-style.json'}`);
  }
  return root as Type | DynamicModule;
}

/**
 * Builds the project (unless `build: false`) and creates its app without connecting, for a
 * command that reads what the app is made of. Resolves with undefined when the project's own
 * copy of Panini must read it: then `delegated` is the exit code of that CLI.
 */
export async function loadProjectApp(project: ResolvedProject, options: { build?: boolean }): Promise<{ app: PaniniApplication; root: Type | DynamicModule } | { delegated: number }> {
  const theirs = projectCore(project.root);
  if (theirs === undefined) throw new CliError('project', `${project.root} does not depend on @panini/core: run npm install @panini/core there`);
  if (theirs !== realpathSync(OWN_INDEX) && process.env['PANINI_CLI_DELEGATED'] !== '1') return { delegated: await delegate(theirs) };

  if (options.build !== false) await buildOrFail(project);
  const root = await loadRootModule(project);
  try {
    return { app: await PaniniFactory.create(root, { logging: { silent: true }, handleSignals: false }), root };
  } catch (err) {
    throw new CliError('project', `cannot create the app from ${project.appModule.exportName} to read its metadata: ${(err as Error).message}`);
  }
}

/** `panini info`: builds, creates the app without connecting, and prints what it is made of. */
export async function infoCommand(project: ResolvedProject, options: InfoOptions): Promise<number> {
  const loaded = await loadProjectApp(project, options);
  if ('delegated' in loaded) return loaded.delegated;
  const description = await describeApp(loaded.app, loaded.root);
  process.stdout.write(options.json ? `${JSON.stringify(description, null, 2)}\n` : formatInfo(description));
  return 0;
}
