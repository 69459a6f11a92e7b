import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import { parseName } from '../generate/names.js';
import { newProjectFiles, type Versions } from '../generate/new-project.js';

export interface NewOptions { directory?: string; skipInstall?: boolean }

/** This package's manifest: dist/src/cli/commands/ -> four folders up. */
const OWN_PACKAGE = new URL('../../../../package.json', import.meta.url);

function versions(): Versions {
  const pkg = JSON.parse(readFileSync(OWN_PACKAGE, 'utf8')) as { version: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  return { core: `^${pkg.version}`, deps: pkg.dependencies ?? {}, devDeps: pkg.devDependencies ?? {} };
}

function npmInstall(cwd: string): Promise<number> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((done) => {
    const child = spawn(npm, ['install', '--no-audit', '--no-fund'], { cwd, stdio: 'inherit' });
    child.once('error', () => done(1));
    child.once('exit', (code) => done(code ?? 1));
  });
}

/** `panini new <name>`: a service that builds and passes its tests as generated. */
export async function newCommand(rawName: string, options: NewOptions): Promise<number> {
  const names = parseName(rawName, 'the service name');
  if (names.dir) throw new CliError('usage', `the service name "${rawName}" must not contain folders; use --directory to choose where it goes`);
  const target = resolve(process.cwd(), options.directory ?? names.kebab);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new CliError('usage', `${relative(process.cwd(), target) || target} already exists and is not empty; choose another name or --directory`);
  }
  const files = newProjectFiles(names, versions());
  for (const [path, content] of Object.entries(files)) {
    const full = join(target, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    process.stdout.write(`CREATE ${relative(process.cwd(), full)}\n`);
  }
  const shown = relative(process.cwd(), target) || '.';
  if (!options.skipInstall) {
    process.stdout.write(`\ninstalling dependencies in ${shown} ...\n`);
    const code = await npmInstall(target);
    if (code !== 0) throw new CliError('runtime', `npm install failed in ${shown} (exit ${code}); the files are in place, run npm install there again`);
  }
  process.stdout.write(`\n${names.kebab} is ready:\n  cd ${shown}\n${options.skipInstall ? '  npm install\n' : ''}  npm test\n  npm run dev\n`);
  return 0;
}
