import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import { loadTypeScript } from '../project/typescript.js';
import { closest, validateAgainstSchema, type JsonSchema } from './schema-check.js';
import { CONFIG_FILE, type CliConfig, type ProjectConfig, type ResolvedProject } from './cli-config.js';

/** The schema ships at the package root: dist/src/cli/config/ -> four folders up. */
const SCHEMA_URL = new URL('../../../../nest-cli-style.schema.json', import.meta.url);

let schemaCache: JsonSchema | undefined;
export function loadSchema(): JsonSchema {
  schemaCache ??= JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as JsonSchema;
  return schemaCache;
}

/** The nearest config file from `start` upwards, or undefined. */
export function findConfigFile(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Where a JSON syntax error is. Node 20's JSON.parse does not say, so TypeScript's JSON parser
 * (there whenever a command reads the config, and loaded only on this error path) locates it.
 */
function syntaxProblem(file: string, text: string, fallback: string): string {
  try {
    const { ts } = loadTypeScript(dirname(file));
    const d = ts.parseConfigFileTextToJson(file, text).error;
    if (d?.start !== undefined) {
      const before = text.slice(0, d.start);
      const line = before.split('\n').length;
      return ` (line ${line}, column ${d.start - before.lastIndexOf('\n')}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    }
  } catch {
    // no TypeScript: the runtime's message has to do
  }
  return `: ${fallback}`;
}

/** Reads, parses and validates a config file; every failure is a CliError naming the file. */
export function readConfig(file: string): CliConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError('config', `cannot read ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError('config', `${file} is not valid JSON${syntaxProblem(file, text, (err as Error).message)}`);
  }
  const problems = validateAgainstSchema(value, loadSchema());
  if (problems.length) {
    const lines = problems.map((p) => `  - ${p.path} ${p.message}`);
    throw new CliError('config', `${file} does not match nest-cli-style.schema.json:\n${lines.join('\n')}`);
  }
  const config = value as CliConfig;
  if (config.defaultProject !== undefined && !config.projects?.[config.defaultProject]) {
    throw new CliError('config', `${file}: defaultProject "${config.defaultProject}" is not a key of projects${hint(config.defaultProject, config)}`);
  }
  return config;
}

function hint(name: string, config: CliConfig): string {
  const names = Object.keys(config.projects ?? {});
  if (!names.length) return ' (no projects are defined)';
  const near = closest(name, names);
  return near ? `; did you mean "${near}"?` : ` (projects: ${names.join(', ')})`;
}

function splitAppModule(spec: string): { file: string; exportName: string } {
  const [file, exportName] = spec.split('#') as [string, string];
  return { file, exportName };
}

/** Applies defaults: project fields over top-level fields over built-in defaults. */
export function resolveProject(config: CliConfig, workspaceRoot: string, configFile: string | undefined, projectName?: string): ResolvedProject {
  const chosen = projectName ?? config.defaultProject;
  let project: ProjectConfig = config;
  if (chosen !== undefined) {
    const p = config.projects?.[chosen];
    if (!p) throw new CliError('usage', `unknown project "${chosen}"${hint(chosen, config)}`);
    project = p;
  }
  const rel = (p: string): string => resolve(workspaceRoot, p);
  const root = rel(project.root ?? config.root ?? '.');
  return {
    name: chosen ?? basename(root),
    configFile,
    workspaceRoot,
    root,
    sourceRoot: project.sourceRoot !== undefined ? rel(project.sourceRoot) : join(root, 'src'),
    entryFile: project.entryFile ?? config.entryFile ?? 'main',
    appModule: splitAppModule(project.appModule ?? config.appModule ?? 'app.module#AppModule'),
    testRoot: project.testRoot !== undefined ? rel(project.testRoot) : join(root, 'test'),
    tsConfigPath: project.compilerOptions?.tsConfigPath !== undefined ? rel(project.compilerOptions.tsConfigPath) : join(root, 'tsconfig.json'),
    generate: {
      spec: project.generateOptions?.spec ?? config.generateOptions?.spec ?? true,
      flat: project.generateOptions?.flat ?? config.generateOptions?.flat ?? false,
    },
  };
}

export interface LoadOptions { cwd: string; config?: string; project?: string }

/** Finds the config (or uses `--config`), validates it and resolves the chosen project. */
export function loadProject(o: LoadOptions): ResolvedProject {
  const file = o.config !== undefined ? resolve(o.cwd, o.config) : findConfigFile(o.cwd);
  if (o.config !== undefined && !existsSync(file!)) throw new CliError('config', `config file ${file} does not exist`);
  if (file === undefined) {
    if (o.project !== undefined) throw new CliError('usage', `--project ${o.project} needs a ${CONFIG_FILE} listing projects, and none was found from ${o.cwd} upwards`);
    return resolveProject({}, o.cwd, undefined);
  }
  return resolveProject(readConfig(file), dirname(file), file, o.project);
}
