import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error.js';

/** The folder of the running CLI's package: dist/src/cli/generate/ -> four folders up. */
export const OWN_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * True when the CLI runs from a git checkout of Panini rather than an installed copy: the package
 * is not on the npm registry yet, so a project made from a checkout must install this copy.
 */
export function runsFromCheckout(root: string = OWN_ROOT): boolean {
  return existsSync(join(root, '.git')) && existsSync(join(root, 'tsconfig.json'));
}

function npmPack(folder: string, destination: string): Promise<string> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((done, fail) => {
    // --ignore-scripts: packing must not rebuild (or clean) the checkout the CLI itself runs from
    const child = spawn(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.once('error', (e) => fail(new CliError('runtime', `cannot run npm pack in ${folder}: ${e.message}`)));
    child.once('exit', (code) => {
      const file = code === 0 ? (JSON.parse(out) as Array<{ filename: string }>)[0]?.filename : undefined;
      if (file === undefined) fail(new CliError('runtime', `npm pack failed in ${folder} (exit ${code}):\n${err.trim()}`));
      else done(join(destination, file));
    });
  });
}

/**
 * Puts a packed copy of Panini into `<project>/vendor/` and returns the `file:` dependency that
 * installs it. `from` is a Panini folder (packed with npm pack; it must be built) or a `.tgz`.
 * A tarball, not a link to the folder: a linked folder brings its own node_modules, and with them
 * a second class-transformer that no nested DTO survives.
 * @throws CliError when `from` is neither a built Panini folder nor a tarball, or npm pack fails.
 */
export async function linkPackage(from: string, project: string): Promise<string> {
  const source = resolve(from);
  const vendor = join(project, 'vendor');
  mkdirSync(vendor, { recursive: true });
  let tarball: string;
  if (existsSync(source) && statSync(source).isFile() && source.endsWith('.tgz')) {
    tarball = join(vendor, basename(source));
    copyFileSync(source, tarball);
  } else if (existsSync(join(source, 'package.json'))) {
    if (!existsSync(join(source, 'dist', 'src', 'index.js'))) {
      throw new CliError('usage', `--link ${from}: ${source} is not built; run npm ci && npm run build there first`);
    }
    tarball = await npmPack(source, vendor);
  } else {
    throw new CliError('usage', `--link ${from}: expected a Panini checkout (a folder with package.json) or a packed .tgz`);
  }
  return `file:${relative(project, tarball).split('\\').join('/')}`;
}
