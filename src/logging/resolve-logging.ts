import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { LoggingError } from './logging.errors.js';
import type { LoggingOptions } from './logging-options.js';
import { checkLogLimits, resolveLogLimits, type LogLimits } from './log-limits.js';

/** winston's npm levels, most severe first. */
export const LEVELS: Readonly<Record<string, number>> = Object.freeze({ error: 0, warn: 1, info: 2, http: 3, verbose: 4, debug: 5, silly: 6 });
export const CONFIG_FILE = join('config', 'logging.json');
const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;
const DEFAULT_MAX_FILES = 5;

/** Logging options with every default applied; plain data, so it can be sent to the worker. */
export interface ResolvedLogging {
  level: string;
  format: 'pretty' | 'json';
  color: boolean;
  silent: boolean;
  console: boolean;
  /** Absolute folder for app.log and errors.log, when files are on. */
  dir: string | undefined;
  maxSize: number;
  maxFiles: number;
  worker: boolean;
  context: boolean;
  service: string | undefined;
  /** How much of logged meta is kept. */
  meta: LogLimits;
  /** The config file that was applied, if one was found. */
  configFile: string | undefined;
}

type Check = (value: unknown) => string | undefined;
const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const CHECKS: Record<string, Check> = {
  level: (v) => (typeof v === 'string' && v in LEVELS ? undefined : `must be one of ${Object.keys(LEVELS).join(', ')}`),
  format: (v) => (v === 'pretty' || v === 'json' ? undefined : "must be 'pretty' or 'json'"),
  silent: isBool,
  console: isBool,
  dir: (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a folder path'),
  maxSize: (v) => (parseSize(v) !== undefined ? undefined : "must be a positive number of bytes or a size such as '10MB'"),
  maxFiles: (v) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : 'must be a whole number >= 0'),
  worker: isBool,
  context: isBool,
  meta: checkLogLimits,
};
/** Options that only make sense in code. */
const CODE_ONLY: Record<string, Check> = {
  root: (v) => (typeof v === 'string' ? undefined : 'must be a folder path'),
  service: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
};

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** Bytes from `1048576`, `'512KB'`, `'10MB'`, `'1g'`; undefined when not a positive size. */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  const unit = m && UNITS[m[2]!.toLowerCase()];
  if (!m || unit === undefined || unit === null) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes > 0 ? bytes : undefined;
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
}

function validate(options: Record<string, unknown>, allowed: Record<string, Check>, fail: (problem: string) => never): void {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const check = allowed[key];
    if (!check) fail(`unknown option '${key}' (known: ${Object.keys(allowed).join(', ')})`);
    const problem = check(value);
    if (problem) fail(`'${key}' ${problem}; got ${show(value)}`);
  }
}

/** Reads `config/logging.json` under `root`, if there is one; an unreadable or invalid file throws. */
export function readConfigFile(root: string): { file: string; options: LoggingOptions } | undefined {
  const file = resolve(root, CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  const fail = (problem: string, cause?: unknown): never => {
    throw new LoggingError('invalid-config-file', `invalid logging config file ${file}: ${problem}. Fix the file or remove it to use the defaults.`, { file, cause });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(err instanceof SyntaxError ? `not valid JSON (${err.message})` : `cannot read it (${(err as Error).message})`, err);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) fail('expected a JSON object such as {"level": "info", "dir": "logs"}');
  validate(parsed as Record<string, unknown>, CHECKS, fail);
  return { file, options: parsed as LoggingOptions };
}

function fromEnv(env: NodeJS.ProcessEnv): LoggingOptions {
  const out: LoggingOptions = {};
  const level = env['LOG_LEVEL']?.trim().toLowerCase();
  const format = env['LOG_FORMAT']?.trim().toLowerCase();
  const fail = (name: string, value: string, problem: string): never => {
    throw new LoggingError('invalid-option', `${name} ${problem}; got '${value}'. Fix or unset the environment variable.`);
  };
  if (level) out.level = CHECKS['level']!(level) ? fail('LOG_LEVEL', level, CHECKS['level']!(level)!) : level;
  if (format) out.format = CHECKS['format']!(format) ? fail('LOG_FORMAT', format, CHECKS['format']!(format)!) : (format as 'pretty' | 'json');
  return out;
}

function colorWanted(env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return process.stdout.isTTY === true;
}

/**
 * Applies, highest first: options in code, then `LOG_LEVEL` / `LOG_FORMAT`, then
 * `config/logging.json` under `root`, then the defaults. Invalid values throw a `LoggingError`.
 */
export function resolveLogging(options: LoggingOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedLogging {
  validate(options as Record<string, unknown>, { ...CHECKS, ...CODE_ONLY }, (problem) => {
    throw new LoggingError('invalid-option', `invalid logging option: ${problem}`);
  });
  const root = resolve(options.root ?? process.cwd());
  const config = readConfigFile(root);
  const o: LoggingOptions = { ...config?.options, ...fromEnv(env), ...definedOnly(options) };
  const format = o.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  return {
    level: o.level ?? 'info',
    format,
    color: format === 'pretty' && colorWanted(env),
    silent: o.silent === true,
    console: o.console !== false,
    dir: o.dir === undefined ? undefined : isAbsolute(o.dir) ? o.dir : resolve(root, o.dir),
    maxSize: parseSize(o.maxSize) ?? DEFAULT_MAX_SIZE,
    maxFiles: o.maxFiles ?? DEFAULT_MAX_FILES,
    worker: o.worker === true,
    context: o.context !== false,
    service: o.service,
    meta: resolveLogLimits(o.meta),
    configFile: config?.file,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
