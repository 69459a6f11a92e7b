import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { SCENARIOS } from '../scenarios/index.js';
import { PEER_SCENARIOS } from '../scenarios/peers.scenario.js';
import { describeMachine } from './machine.js';
import type { BenchOptions } from './options.js';
import type { BenchReport, RepResult, ScenarioResult } from './report.js';
import type { Scenario, ScenarioEnv, Session, Side } from './scenario.js';
import { medianOf, ratioOf, type Metrics } from './stats.js';
import { WorkerHandle } from './worker-handle.js';

const SETUP_TIMEOUT_MS = 30_000;

/** Every worker alive right now, so an abort (signal, error) can kill them all by PID. */
const live = new Set<WorkerHandle>();
let server: NatsServerHandle | undefined;

/** Kills every worker this harness started and stops its nats-server. Safe to call at any time. */
export async function abortBench(): Promise<void> {
  for (const w of live) w.kill();
  await server?.dispose();
}

function natsClientVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve('@nats-io/transport-node/package.json'), 'utf8')) as { version: string };
  return `@nats-io/transport-node ${pkg.version}`;
}

/** Deadline of one measured call: generous, but a stuck run still ends by itself. */
/** Linux's USER_HZ: the unit of the CPU times in `/proc/<pid>/stat`. */
const CLOCK_TICKS = 100;
const callTimeoutMs = (count: number): number => Math.max(20_000, count * 0.5);

function describeRun(s: Scenario, side: Side, m: Record<string, number>): string {
  return s.metrics.map((x) => `${x.key}=${(m[x.key] ?? NaN).toFixed(x.digits)}`).join(' ') + ` (${side === 'baseline' ? s.baseline.name : s.candidate.name})`;
}

const profileName = (dir: string, s: Scenario, side: Side, rep: number) => (role: string): string =>
  join(dir, `${s.id}.${side === 'baseline' ? s.baseline.name : s.candidate.name}.${role}.rep${rep}.cpuprofile`);

/** One measured run; with a profile folder, its busy workers are profiled over exactly this run. */
async function measure(session: Session, side: Side, count: number, profile: ((role: string) => string) | undefined): Promise<Metrics> {
  if (!profile) return session.run(side, count);
  const busy = session.uses(side);
  await Promise.all(busy.map((w) => w.call('profile-start', undefined, SETUP_TIMEOUT_MS)));
  const m = await session.run(side, count);
  await Promise.all(busy.map((w) => w.call('profile-stop', { file: profile(w.role) }, SETUP_TIMEOUT_MS)));
  return m;
}

/** A process's CPU time (user + system) from `/proc/<pid>/stat`, µs; NaN when it cannot be read. */
function processCpuUs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name (which may hold spaces) start at its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks / CLOCK_TICKS) * 1e6;
  } catch {
    return Number.NaN;
  }
}

async function runScenario(s: Scenario, url: string, pid: number, o: BenchOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const count = o.count ?? Math.max(1, Math.round(s.defaultCount * o.scale));
  const result: ScenarioResult = {
    id: s.id, number: s.number, title: s.title, unit: s.unit, count, baseline: s.baseline, candidate: s.candidate,
    metrics: s.metrics, runs: [], targets: [], durationS: 0,
  };
  const workers: WorkerHandle[] = [];
  let over = false;
  const env: ScenarioEnv = {
    url,
    callTimeoutMs,
    serverCpuUs: () => processCpuUs(pid),
    spawn: async (role, prefix) => {
      const w = await WorkerHandle.start(role, { url, prefix, maxLifetimeMs: o.maxScenarioMs + 30_000 }, SETUP_TIMEOUT_MS);
      // a sibling failed while this one was starting: the scenario is already cleaned up
      if (over) { w.kill(); throw new Error(`scenario ${s.id} ended while ${role} was starting`); }
      workers.push(w);
      live.add(w);
      return w;
    },
  };
  let timedOut = false;
  const budget = setTimeout(() => {
    timedOut = true;
    for (const w of workers) w.kill();
  }, o.maxScenarioMs);
  try {
    const session = await s.open(env);
    const warm = Math.round(count * o.warmup);
    if (warm > 0) {
      await session.run('baseline', warm);
      await session.run('candidate', warm);
    }
    for (let rep = 1; rep <= o.reps; rep++) {
      // alternate who goes first, so a drift of the machine does not favour one side
      const order: Side[] = rep % 2 === 1 ? ['baseline', 'candidate'] : ['candidate', 'baseline'];
      const got: Partial<Record<Side, Record<string, number>>> = {};
      for (const side of order) {
        got[side] = await measure(session, side, count, o.profileDir ? profileName(o.profileDir, s, side, rep) : undefined);
        o.log(`[${s.id}] rep ${rep}/${o.reps} ${describeRun(s, side, got[side]!)}`);
      }
      const keys = s.metrics.map((m) => m.key);
      result.runs.push({ rep, first: order[0]!, baseline: got.baseline!, candidate: got.candidate!, ratio: ratioOf(got.candidate!, got.baseline!, keys) } satisfies RepResult);
    }
  } catch (err) {
    result.error = timedOut ? `did not finish within ${o.maxScenarioMs / 1000} s (workers killed)` : err instanceof Error ? err.message : String(err);
    o.log(`[${s.id}] FAILED: ${result.error}`);
  } finally {
    over = true;
    clearTimeout(budget);
    await Promise.all(workers.map((w) => w.close()));
    for (const w of workers) live.delete(w);
  }
  if (result.runs.length > 0) {
    const keys = s.metrics.map((m) => m.key);
    const ratio = medianOf(result.runs.map((r) => r.ratio), keys);
    result.median = { baseline: medianOf(result.runs.map((r) => r.baseline), keys), candidate: medianOf(result.runs.map((r) => r.candidate), keys), ratio };
    result.targets = s.targets.map((t) => {
      const v = ratio[t.metric] ?? NaN;
      const met = Number.isFinite(v) && (t.min === undefined || v >= t.min) && (t.max === undefined || v <= t.max);
      return { ...t, ratio: v, met };
    });
  }
  result.durationS = (Date.now() - started) / 1000;
  return result;
}

/**
 * Runs the selected scenarios against a private nats-server on loopback and writes the JSON
 * report to `options.out`. Every worker and the server are stopped before it returns or throws.
 */
export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const startedAt = new Date();
  const all = o.peers ? [...SCENARIOS, ...PEER_SCENARIOS] : SCENARIOS;
  const selected = o.only ? all.filter((s) => o.only!.includes(s.id)) : all;
  if (o.only && selected.length !== o.only.length) {
    throw new RangeError(`unknown scenario in --only ${o.only.join(',')}; scenarios: ${all.map((s) => s.id).join(', ')}${o.peers ? '' : ' (and with --peers: ' + PEER_SCENARIOS.map((s) => s.id).join(', ') + ')'}`);
  }
  const machine = describeMachine(natsClientVersion());
  if (o.profileDir) mkdirSync(o.profileDir, { recursive: true });
  const nats = (server = await startNatsServer());
  o.log(`nats-server on ${nats.url} (pid ${nats.pid}); ${machine.cpus} CPU, load ${machine.loadAvg1}`);
  const scenarios: ScenarioResult[] = [];
  try {
    for (const s of selected) scenarios.push(await runScenario(s, nats.url, nats.pid ?? -1, o));
  } finally {
    for (const w of live) w.kill();
    await nats.dispose();
    server = undefined;
  }
  const report: BenchReport = {
    tool: 'panini-bench',
    startedAt: startedAt.toISOString(),
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    command: `node ${process.argv.slice(1).join(' ')}`,
    machine,
    options: { reps: o.reps, count: o.count, scale: o.scale, warmup: o.warmup, only: o.only },
    scenarios,
    allTargetsMet: scenarios.every((s) => !s.error && s.targets.every((t) => t.met)),
    failed: scenarios.filter((s) => s.error).map((s) => s.id),
  };
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
