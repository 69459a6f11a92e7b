import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import { parseName } from '../generate/names.js';
import { linkPackage, OWN_ROOT, runsFromCheckout } from '../generate/link-package.js';
import { newProjectFiles, type Versions } from '../generate/new-project.js';

export interface NewOptions {
  directory?: string;
  skipInstall?: boolean;
  /** A Panini checkout or tarball to install from; true: this CLI's own checkout; false: the registry. */
  link?: string | boolean;
}

/** This package's manifest: dist/src/cli/commands/ -> four folders up. */
const OWN_PACKAGE = new URL('../../../../package.json', import.meta.url);

function versions(): Versions {
  const pkg = JSON.parse(readFileSync(OWN_PACKAGE, 'utf8')) as { version: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  // the peer dependencies (class-validator, class-transformer) at the versions this package is tested with
  return { core: `^${pkg.version}`, deps: { ...pkg.dependencies, ...pkg.devDependencies }, devDeps: pkg.devDependencies ?? {} };
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
  // not on the npm registry yet: from a checkout, the project installs a packed copy of it
  const linkFrom = options.link === true || (options.link === undefined && runsFromCheckout()) ? OWN_ROOT : options.link || undefined;
  const v = versions();
  if (linkFrom !== undefined) {
    process.stdout.write(`packing @panini/core from ${linkFrom} into ${relative(process.cwd(), join(target, 'vendor')) || 'vendor'}\n`);
    mkdirSync(target, { recursive: true });
    v.core = await linkPackage(linkFrom, target);
  }
  const files = newProjectFiles(names, v);
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
    if (code !== 0) {
      const hint = linkFrom !== undefined
        ? 'the files are in place; fix what npm printed above and run npm install there again'
        : '@panini/core is not on the npm registry yet: run panini new again with --link <a Panini checkout or packed .tgz>, ' +
          'or from a checkout of Panini, where that is the default';
      throw new CliError('runtime', `npm install failed in ${shown} (exit ${code}); ${hint}`);
    }
  }
  process.stdout.write(`\n${names.kebab} is ready:\n  cd ${shown}\n${options.skipInstall ? '  npm install\n' : ''}  npm test\n  npm run dev\n`);
  return 0;
}
