import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import type { ResolvedProject } from '../config/cli-config.js';
import { loadProjectApp } from './info.command.js';
import { createAsyncApiDocument } from '../../contracts/create-document.js';
import { diffDocuments, formatChanges } from '../../contracts/contract-diff.js';
import { toYaml } from '../../contracts/yaml.js';
import { generateClient } from '../../contracts/client-generator.js';

export interface AsyncApiCommandOptions {
  out?: string;
  format?: string;
  check?: string;
  build?: boolean;
  name?: string;
}

/** The project's package.json name (without scope) and version, the defaults of the document's info. */
function projectPackage(root: string): { name?: string; version?: string } {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return {};
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return {
      ...(typeof pkg.name === 'string' ? { name: pkg.name.replace(/^@[^/]+\//, '') } : {}),
      ...(typeof pkg.version === 'string' ? { version: pkg.version } : {}),
    };
  } catch {
    return {};
  }
}

/** Reads a document written as JSON or YAML (YAML needs the `yaml` package where the CLI runs). */
async function readDocument(file: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError('usage', `cannot read ${file}: ${(err as Error).message}`);
  }
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new CliError('usage', `${file} is not valid JSON: ${(err as Error).message}`);
    }
  }
  try {
    const yaml = (await import('yaml' as string)) as { parse(text: string): unknown };
    return yaml.parse(text);
  } catch (err) {
    throw new CliError('usage', `${file} is not JSON, and reading it as YAML failed (${(err as Error).message}); commit the document as JSON with --format json`);
  }
}

/**
 * `panini asyncapi`: builds the project, creates its app without connecting, and prints (or
 * writes with `--out`) its AsyncAPI 3.0.0 document. With `--check <file>` it compares instead and
 * exits 1 listing every difference, so CI fails when the code's contract moved.
 */
export async function asyncApiCommand(project: ResolvedProject, o: AsyncApiCommandOptions): Promise<number> {
  const format = o.format ?? (o.out?.endsWith('.yaml') || o.out?.endsWith('.yml') ? 'yaml' : 'json');
  if (format !== 'json' && format !== 'yaml') throw new CliError('usage', `--format must be json or yaml, got '${format}'`);
  const pkg = projectPackage(project.root);
  const name = o.name ?? process.env['PANINI_SERVICE_NAME'] ?? pkg.name;
  if (name !== undefined) process.env['PANINI_SERVICE_NAME'] = name;
  const loaded = await loadProjectApp(project, o);
  if ('delegated' in loaded) return loaded.delegated;
  const doc = await createAsyncApiDocument(loaded.app, pkg.version !== undefined ? { version: pkg.version } : {});
  if (o.check !== undefined) {
    const committed = await readDocument(resolve(o.check));
    const changes = diffDocuments(committed, JSON.parse(JSON.stringify(doc)));
    if (changes.length === 0) {
      process.stdout.write(`${o.check} matches the code\n`);
      return 0;
    }
    process.stderr.write(`${o.check} differs from the code's contract (${changes.length} change(s); - committed, + code, ~ changed):\n${formatChanges(changes)}\n` +
      `If the change is intended, write the document again: panini asyncapi --out ${o.check}\n`);
    return 1;
  }
  const text = format === 'yaml' ? toYaml(doc) : `${JSON.stringify(doc, null, 2)}\n`;
  if (o.out !== undefined) writeFileSync(resolve(o.out), text);
  else process.stdout.write(text);
  return 0;
}

/** `panini client --from asyncapi.json [--out file]`: a typed TypeScript client module from a document. */
export async function clientCommand(o: { from: string; out?: string; factory?: string }): Promise<number> {
  const doc = await readDocument(resolve(o.from));
  let source: string;
  try {
    source = generateClient(doc, o.factory !== undefined ? { factory: o.factory } : {});
  } catch (err) {
    throw new CliError('usage', `${o.from}: ${(err as Error).message}`);
  }
  if (o.out !== undefined) writeFileSync(resolve(o.out), source);
  else process.stdout.write(source);
  return 0;
}
