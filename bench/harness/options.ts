import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Measured repetitions per scenario (each runs baseline and candidate once). */
  reps: number;
  /** Messages per run for every scenario, instead of each scenario's own count. */
  count?: number;
  /** Multiplies each scenario's own count (0.1 for a quick look). */
  scale: number;
  /** Size of the unmeasured warm-up run of each side, as a fraction of the count; 0 for none. */
  warmup: number;
  /** Scenario ids to run (default: all). */
  only?: string[];
  /** Where the JSON results go. */
  out: string;
  /**
   * Record a V8 CPU profile of every busy worker over each measured run, into this folder.
   * The profiler slows the run: take numbers from runs without it.
   */
  profileDir?: string;
  /** Wall-time budget of one scenario, ms; past it the scenario's workers are killed. */
  maxScenarioMs: number;
  /** Print the results table as Markdown too. */
  markdown: boolean;
  /** Also run scenarios 1-3 with NestJS and Moleculer (installed in bench/peers) and print them side by side. */
  peers?: boolean;
  /** Progress lines (stderr by default). */
  log: (line: string) => void;
}

export const DEFAULTS: Omit<BenchOptions, 'log'> = {
  reps: 5,
  scale: 1,
  warmup: 0.2,
  out: 'bench/results/latest.json',
  maxScenarioMs: 180_000,
  markdown: false,
};

const USAGE = `usage: node dist/bench/run.js [--reps N] [--count N | --scale F] [--warmup F] [--only id,id]
                              [--out file.json] [--profile dir] [--max-scenario-s S] [--markdown]
                              [--peers]  (scenarios 1-3 with NestJS and Moleculer too: npm run bench:peers)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      reps: { type: 'string' }, count: { type: 'string' }, scale: { type: 'string' }, warmup: { type: 'string' },
      only: { type: 'string' }, out: { type: 'string' }, profile: { type: 'string' },
      'max-scenario-s': { type: 'string' }, markdown: { type: 'boolean' }, peers: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new RangeError(`--${name} must be a number >= ${min}, got '${v}'\n${USAGE}`);
    return n;
  };
  return {
    reps: Math.round(num('reps', values.reps, 1) ?? DEFAULTS.reps),
    count: num('count', values.count, 1),
    scale: num('scale', values.scale, 0.0001) ?? DEFAULTS.scale,
    warmup: num('warmup', values.warmup, 0) ?? DEFAULTS.warmup,
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    out: values.out ?? DEFAULTS.out,
    profileDir: values.profile,
    maxScenarioMs: (num('max-scenario-s', values['max-scenario-s'], 1) ?? DEFAULTS.maxScenarioMs / 1000) * 1000,
    markdown: values.markdown === true,
    peers: values.peers === true,
    log: (line) => process.stderr.write(`${line}\n`),
  };
}
