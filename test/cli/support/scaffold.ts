import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runCli } from './run-cli.js';

/** Packages a generated service needs, linked from this repository instead of installed. */
const LINKED = ['typescript', 'reflect-metadata', 'class-validator', 'class-transformer', '@types/node'];

/**
 * Links `node_modules` of a generated service to this repository: `@panini/core` is the
 * repository itself (as an outside user would get it), everything else the repository's copy.
 * No network, and no second copy of the framework whose metadata symbols would differ.
 */
export function linkDependencies(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '@panini'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(REPO, join(dir, 'node_modules', '@panini', 'core'), 'dir');
  for (const p of LINKED) symlinkSync(join(REPO, 'node_modules', p), join(dir, 'node_modules', p), 'dir');
  symlinkSync('../typescript/bin/tsc', join(dir, 'node_modules', '.bin', 'tsc'));
}

export interface Scaffold { readonly root: string; readonly dir: string; dispose(): void }

/** `panini new <name> --skip-install` in a temp folder, with dependencies linked. */
export async function scaffold(name: string): Promise<Scaffold> {
  const root = mkdtempSync(join(tmpdir(), 'panini-cli-'));
  const res = await runCli(['new', name, '--skip-install', '--no-link'], { cwd: root });
  if (res.code !== 0) throw new Error(`panini new failed (${res.code}): ${res.stderr}`);
  const dir = join(root, name);
  linkDependencies(dir);
  return { root, dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
