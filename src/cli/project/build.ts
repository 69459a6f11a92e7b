import { spawn } from 'node:child_process';
import { CliError } from '../cli-error.js';
import type { ResolvedProject } from '../config/cli-config.js';
import { parseTsConfig } from './typescript.js';

export interface BuildResult { ok: boolean; output: string }

/** Runs the project's `tsc -p <tsconfig>` as a child process and collects what it prints. */
export function runTsc(project: ResolvedProject): Promise<BuildResult> {
  const { tscPath } = parseTsConfig(project);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tscPath, '-p', project.tsConfigPath, '--pretty', 'false'], { cwd: project.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.once('error', (err) => reject(new CliError('build', `cannot run tsc: ${err.message}`)));
    child.once('exit', (code) => resolve({ ok: code === 0, output: output.trim() }));
  });
}

/** Builds, or throws a CliError carrying tsc's messages. */
export async function buildOrFail(project: ResolvedProject): Promise<void> {
  const result = await runTsc(project);
  if (!result.ok) throw new CliError('build', `the build failed (tsc -p ${project.tsConfigPath}):\n${result.output}`);
}
