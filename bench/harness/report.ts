import type { MachineInfo } from './machine.js';
import type { MetricSpec, Side, SideSpec, TargetSpec } from './scenario.js';
import type { Metrics } from './stats.js';
import { PEERS, PEER_SHAPES } from '../scenarios/peers.scenario.js';

export interface RepResult {
  rep: number;
  /** Which side ran first in this repetition (they alternate). */
  first: Side;
  baseline: Metrics;
  candidate: Metrics;
  /** candidate / baseline, metric by metric. */
  ratio: Metrics;
}

export interface TargetResult extends TargetSpec {
  /** Median of the per-repetition ratios. */
  ratio: number;
  met: boolean;
}

export interface ScenarioResult {
  id: string;
  number: number;
  title: string;
  unit: string;
  count: number;
  baseline: SideSpec;
  candidate: SideSpec;
  metrics: MetricSpec[];
  runs: RepResult[];
  median?: { baseline: Metrics; candidate: Metrics; ratio: Metrics };
  targets: TargetResult[];
  /** Set when it failed or ran out of time. */
  error?: string;
  durationS: number;
}

export interface BenchReport {
  tool: 'panini-bench';
  startedAt: string;
  durationS: number;
  command: string;
  machine: MachineInfo;
  options: { reps: number; count?: number; scale: number; warmup: number; only?: string[] };
  scenarios: ScenarioResult[];
  /** True when every target of every scenario that ran was met. */
  allTargetsMet: boolean;
  /** Scenarios that failed or ran out of time. */
  failed: string[];
}

export function formatNumber(v: number | undefined, digits: number): string {
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const ratioText = (r: number | undefined): string => (r === undefined || !Number.isFinite(r) ? 'n/a' : `${r.toFixed(2)}x`);
const targetText = (t: TargetSpec): string => (t.min !== undefined ? `>= ${t.min}x` : `<= ${t.max}x`);

/** Rows of one scenario: metric, baseline, candidate, ratio, target. */
function rows(s: ScenarioResult): string[][] {
  const head = ['metric', s.baseline.name, s.candidate.name, `${s.candidate.name}/${s.baseline.name}`, 'target'];
  const body = s.metrics.map((m) => {
    const t = s.targets.find((x) => x.metric === m.key);
    return [
      m.label,
      formatNumber(s.median?.baseline[m.key], m.digits),
      formatNumber(s.median?.candidate[m.key], m.digits),
      ratioText(s.median?.ratio[m.key]),
      t ? `${targetText(t)} ${t.met ? 'met' : 'MISSED'}` : '',
    ];
  });
  return [head, ...body];
}

function heading(s: ScenarioResult, reps: number): string {
  return `${s.number}. ${s.title} (${s.count.toLocaleString('en-US')} ${s.unit}/run, ${s.runs.length || reps} reps, medians)`;
}

/** The plain-text table `npm run bench` prints. */
export function formatTable(r: BenchReport): string {
  const out: string[] = [];
  for (const s of r.scenarios) {
    out.push(heading(s, r.options.reps));
    if (s.error) out.push(`   FAILED: ${s.error.split('\n')[0]}`);
    if (!s.median) { out.push(''); continue; }
    const t = rows(s);
    const widths = t[0]!.map((_, i) => Math.max(...t.map((row) => row[i]!.length)));
    for (const row of t) out.push(`   ${row.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()}`);
    out.push('');
  }
  const peers = peerRows(r);
  if (peers) {
    out.push('Side by side (raw nats.js figure, then each framework as a ratio to raw in the same repetitions):');
    const widths = peers[0]!.map((_, i) => Math.max(...peers.map((row) => row[i]!.length)));
    for (const row of peers) out.push(`   ${row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()}`);
    out.push('');
  }
  const m = r.machine;
  out.push(`machine: ${m.cpus} CPU (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; node ${m.node}; ${m.natsServer}; ${m.natsClient}; load ${m.loadAvg1} at start`);
  out.push(`targets: ${r.allTargetsMet ? 'all met' : 'some MISSED (see above)'}; ${r.durationS.toFixed(0)} s`);
  return out.join('\n');
}

/**
 * Panini and the peers side by side (when the run had peer scenarios): per shape and metric, the
 * raw figure of Panini's own scenario, then each framework's ratio to the raw baseline measured in
 * the same repetitions as it. Rows of a table; the first is the header.
 */
export function peerRows(r: BenchReport): string[][] | undefined {
  const byId = new Map(r.scenarios.map((s) => [s.id, s]));
  if (!PEERS.some((p) => PEER_SHAPES.some((shape) => byId.has(`${shape.panini}-${p.id}`)))) return undefined;
  const out = [['scenario', 'metric', 'raw nats.js', 'Panini', ...PEERS.map((p) => p.name)]];
  for (const shape of PEER_SHAPES) {
    const panini = byId.get(shape.panini);
    for (const key of shape.metrics) {
      const spec = [shape.panini, ...PEERS.map((p) => `${shape.panini}-${p.id}`)]
        .map((id) => byId.get(id)?.metrics.find((m) => m.key === key)).find((m) => m !== undefined);
      const cell = (id: string): string => ratioText(byId.get(id)?.median?.ratio[key]);
      out.push([shape.label, spec?.label ?? key, formatNumber(panini?.median?.baseline[key], spec?.digits ?? 1), cell(shape.panini), ...PEERS.map((p) => cell(`${shape.panini}-${p.id}`))]);
    }
  }
  return out;
}

/** The same table as Markdown, for the README's Performance section. */
export function formatMarkdown(r: BenchReport): string {
  const out: string[] = [];
  for (const s of r.scenarios) {
    out.push(`**${heading(s, r.options.reps)}**`, '');
    if (s.error) out.push(`Failed: ${s.error.split('\n')[0]}`, '');
    if (!s.median) continue;
    const [head, ...body] = rows(s);
    out.push(`| ${head!.join(' | ')} |`, `|${head!.map((_, i) => (i === 0 || i === 4 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const row of body) out.push(`| ${row.join(' | ')} |`);
    out.push('');
  }
  const peers = peerRows(r);
  if (peers) {
    const [head, ...body] = peers;
    out.push('**Side by side**', '', `| ${head!.join(' | ')} |`, `|${head!.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const row of body) out.push(`| ${row.join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}
