import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CliError } from '../cli-error.js';
import type { ResolvedProject } from '../config/cli-config.js';
import { closest } from '../config/schema-check.js';
import { findNearestModule, importSpecifier } from '../generate/find-module.js';
import { parseName, withoutSuffix } from '../generate/names.js';
import { registerInModule } from '../generate/register-in-module.js';
import { ALIASES, KINDS, className, sourceTemplate, specTemplate, type Kind } from '../generate/templates.js';
import { loadTypeScript } from '../project/typescript.js';

export interface GenerateOptions { flat?: boolean; spec?: boolean; skipImport?: boolean; dryRun?: boolean }

export function resolveKind(raw: string): Kind {
  if (raw in KINDS) return raw as Kind;
  const alias = ALIASES[raw];
  if (alias) return alias;
  const near = closest(raw, Object.keys(KINDS));
  throw new CliError('usage', `unknown generator "${raw}"${near ? `; did you mean "${near}"?` : ''} (one of: ${Object.keys(KINDS).join(', ')})`);
}

interface Planned { path: string; content: string; action: 'CREATE' | 'UPDATE' }

/** `panini generate <kind> <name>`: writes the class (and its test) and registers it in the nearest module. */
export function generateCommand(project: ResolvedProject, rawKind: string, rawName: string, options: GenerateOptions): number {
  const kind = resolveKind(rawKind);
  const names = withoutSuffix(parseName(rawName, `the ${kind} name`), KINDS[kind].file);
  const flat = options.flat ?? project.generate.flat;
  const spec = options.spec ?? project.generate.spec;
  if (!existsSync(project.sourceRoot)) throw new CliError('project', `the source root ${project.sourceRoot} does not exist: check sourceRoot in ${project.configFile ?? 'nest-cli-style.json'}`);

  const base = join(project.sourceRoot, names.dir);
  const folder = kind === 'dto' ? (flat ? base : join(base, 'dto')) : flat ? base : join(base, names.kebab);
  const file = join(folder, `${names.kebab}.${KINDS[kind].file}.ts`);
  const cls = className(kind, names);
  const plan: Planned[] = [{ path: file, content: sourceTemplate(kind, names), action: 'CREATE' }];

  if (spec) {
    const testFile = join(project.testRoot, relative(project.sourceRoot, file)).replace(/\.ts$/, '.test.ts');
    const content = specTemplate(kind, names, importSpecifier(testFile, file));
    if (content !== undefined) plan.push({ path: testFile, content, action: 'CREATE' });
  }
  for (const p of plan) {
    if (existsSync(p.path)) throw new CliError('generate', `${relative(process.cwd(), p.path)} already exists; nothing was written`);
  }

  const list = KINDS[kind].list;
  const notes: string[] = [];
  if (list !== undefined && !options.skipImport) {
    const start = kind === 'module' && !flat ? dirname(folder) : folder;
    const target = findNearestModule(start, project.sourceRoot, [file]);
    if (target === undefined) {
      notes.push(`no module found from ${relative(process.cwd(), start) || '.'} up to the source root: add ${cls} to a module's ${list} by hand`);
    } else {
      const { ts } = loadTypeScript(project.root);
      const updated = registerInModule(ts, readFileSync(target, 'utf8'), target, list, cls, importSpecifier(target, file));
      if (updated !== undefined) plan.push({ path: target, content: updated, action: 'UPDATE' });
    }
  }
  if (kind === 'http-controller') notes.push('HTTP controllers are served once the app imports HttpModule.forRoot() from @panini/core/http');

  for (const p of plan) {
    if (!options.dryRun) {
      mkdirSync(dirname(p.path), { recursive: true });
      writeFileSync(p.path, p.content);
    }
    process.stdout.write(`${p.action} ${relative(process.cwd(), p.path)} (${Buffer.byteLength(p.content)} bytes)\n`);
  }
  for (const n of notes) process.stdout.write(`note: ${n}\n`);
  if (options.dryRun) process.stdout.write('dry run: nothing was written\n');
  return 0;
}
