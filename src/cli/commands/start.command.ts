import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { CliError } from '../cli-error.js';
import type { ResolvedProject } from '../config/cli-config.js';
import { runTsc } from '../project/build.js';
import { runNode, type RunningChild } from '../project/child-process.js';
import { outputOf, parseTsConfig, sourceFileOf } from '../project/typescript.js';
import { superviseWorkers, workerCount } from '../../workers/run-workers.js';

export interface StartOptions {
  watch?: boolean;
  debounceMs?: number;
  /** Run this many copies under a supervisor (`'auto'`: one per core); see `runWorkers`. */
  workers?: string | number;
}

/** Files editors write beside the one being edited: `.x.ts.swp`, `.x.ts.swx`, `x.ts~`, `.#x.ts`, `4913`. */
const EDITOR_TEMP = /^\.#|\.sw[a-p]x?$|\.swx$|~$|^4913$/;

const say = (line: string): void => { process.stderr.write(`[panini] ${line}\n`); };

/**
 * Builds the project with its tsconfig and runs its entry file. With `watch`, every change under
 * sourceRoot rebuilds and restarts the service; a failed build keeps the old process stopped and
 * waits for the next change. Resolves with the exit code the CLI should end with.
 */
export async function startCommand(project: ResolvedProject, options: StartOptions = {}): Promise<number> {
  let workers: number | undefined;
  if (options.workers !== undefined) {
    if (options.watch) throw new CliError('usage', '--workers cannot be combined with --watch: watch mode runs one copy of the service');
    try {
      workers = workerCount(options.workers);
    } catch (err) {
      throw new CliError('usage', (err as Error).message);
    }
  }
  const { ts, parsed } = parseTsConfig(project);
  const source = sourceFileOf(project, project.entryFile, 'entry file');
  const entry = outputOf(ts, parsed, source);
  const run = (): RunningChild => {
    say(`starting ${relative(process.cwd(), entry) || entry}`);
    return runNode(entry, { cwd: project.root });
  };
  const build = async (): Promise<boolean> => {
    say(`building with ${relative(process.cwd(), project.tsConfigPath) || project.tsConfigPath}`);
    const result = await runTsc(project);
    if (!result.ok) process.stderr.write(`${result.output}\n`);
    return result.ok;
  };

  if (!options.watch) {
    if (!(await build())) throw new CliError('build', `the build failed; fix the errors above and run panini start again`);
    if (workers !== undefined) {
      say(`starting ${workers} copies of ${relative(process.cwd(), entry) || entry}`);
      return superviseWorkers({ workers, entry, cwd: project.root, execArgv: ['--enable-source-maps'], log: say }).done;
    }
    const child = run();
    const stop = (): void => { void child.stop(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const code = await child.exited;
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    return code;
  }
  const outDir = parsed.options.outDir;
  // tsc's own output and dependencies must never trigger a restart (a sourceRoot of '.' would loop),
  // nor an editor's temp files (vim's .swp and 4913 probe, backups~, emacs' .# locks)
  const ignored = (file: string): boolean => {
    const abs = join(project.sourceRoot, file);
    return EDITOR_TEMP.test(basename(abs)) || abs.split(sep).includes('node_modules') ||
      (outDir !== undefined && (abs === outDir || abs.startsWith(outDir + sep)));
  };
  return watchLoop(project, build, run, ignored, options.debounceMs ?? 150);
}

async function watchLoop(
  project: ResolvedProject,
  build: () => Promise<boolean>,
  run: () => RunningChild,
  ignored: (file: string) => boolean,
  debounceMs: number,
): Promise<number> {
  let child: RunningChild | undefined;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();
  let pending = false;
  let stopping = false;

  const restart = async (): Promise<void> => {
    pending = false;
    if (child) {
      // forgotten before it is stopped: its exit is this restart's doing, not a crash to report
      const old = child;
      child = undefined;
      await old.stop();
    }
    if (stopping) return;
    if (!(await build())) {
      say('build failed; waiting for changes');
      return;
    }
    if (stopping) return;
    const current = run();
    child = current;
    void current.exited.then((code) => {
      if (child === current && !stopping) say(`the service exited with code ${code}; waiting for changes`);
    });
  };
  const schedule = (file: string | null): void => {
    if (stopping || (file !== null && ignored(file))) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      say(`${file ?? 'a file'} changed; restarting`);
      if (pending) return;
      pending = true;
      busy = busy.then(restart, restart);
    }, debounceMs);
  };

  const watchers: FSWatcher[] = [];
  try {
    watchers.push(fsWatch(project.sourceRoot, { recursive: true }, (_event, file) => schedule(file)));
    watchers.push(fsWatch(project.tsConfigPath, () => schedule(relative(project.root, project.tsConfigPath))));
  } catch (err) {
    for (const w of watchers) w.close();
    throw new CliError('project', `cannot watch ${project.sourceRoot}: ${(err as Error).message}`);
  }
  say(`watching ${relative(process.cwd(), project.sourceRoot) || project.sourceRoot} for changes`);
  busy = restart();

  return new Promise<number>((resolve) => {
    const onSignal = (): void => {
      stopping = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      void busy.then(async () => {
        if (child) await child.stop();
        resolve(0);
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
