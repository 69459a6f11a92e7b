import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The NATS service API (`$SRV`, ADR-32) every app answers: `PaniniOptions.micro`.
 * `false` turns it off (no `$SRV` subscriptions).
 */
export interface MicroOptions {
  /** Subject prefix of the discovery subjects (default `'$SRV'`). */
  prefix?: string;
  /** Semantic version reported (default: the `version` of the nearest package.json of the main module, else of the working directory). */
  version?: string;
  /** Free text shown by `$SRV.INFO`. */
  description?: string;
  /** String map shown by every `$SRV` response. */
  metadata?: Record<string, string>;
}

/** The micro options with defaults applied and checked. */
export interface ResolvedMicro {
  prefix: string;
  name: string;
  version: string;
  description: string;
  metadata: Record<string, string>;
}

/** What `$SRV` accepts as a service or endpoint name. */
export const MICRO_NAME = /^[A-Za-z0-9_-]+$/;
// semver.org's recommended expression
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const PREFIX_TOKEN = /^[^\s.*>]+$/;

/**
 * Checks and completes the options, so a bad name or version fails `create()`.
 * @throws RangeError naming the bad value and how to fix it.
 */
export function resolveMicro(service: string, o: MicroOptions | undefined): ResolvedMicro {
  const prefix = o?.prefix ?? '$SRV';
  if (!prefix.split('.').every((t) => PREFIX_TOKEN.test(t))) {
    throw new RangeError(`micro.prefix '${prefix}' is not a valid subject prefix: use dot-separated tokens without spaces or wildcards, e.g. '$SRV' or 'acme.SRV'`);
  }
  if (!MICRO_NAME.test(service)) {
    throw new RangeError(`the service name '${service}' cannot be announced on ${prefix} (names may hold only letters, digits, '_' and '-'): rename the service (PaniniOptions.name), or turn service discovery off with micro: false`);
  }
  const found = o?.version === undefined ? packageVersion() : undefined;
  const version = o?.version ?? found?.version ?? '0.0.0';
  if (!SEMVER.test(version)) {
    const from = o?.version !== undefined ? 'micro.version' : `the version of ${found?.file ?? 'package.json'}`;
    throw new RangeError(`${from} is '${version}', which is not a semantic version: use MAJOR.MINOR.PATCH such as '1.4.0' (set micro.version, or fix the package.json)`);
  }
  const metadata = { ...o?.metadata };
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') throw new RangeError(`micro.metadata['${k}'] must be a string, got ${typeof v}`);
  }
  return { prefix, name: service, version, description: o?.description ?? '', metadata };
}

/** The nearest package.json with a version, above the main module, else above the working directory. */
function packageVersion(): { version: string; file: string } | undefined {
  const starts = [process.argv[1] ? dirname(resolve(process.argv[1])) : undefined, process.cwd()];
  for (const start of starts) {
    if (start === undefined) continue;
    for (let dir = start; ; dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        try {
          const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
          if (pkg.version !== undefined) return { version: String(pkg.version), file };
        } catch {
          // an unreadable package.json is not ours to judge: keep looking
        }
      }
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}
