import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, or `npm run bench -- --profile dir`): the
 * functions with the most self time, and the same time grouped by package or source folder.
 * Usage: node dist/bench/profile-summary.js <file.cpuprofile | dir> [--top N] [--match text]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Where a function lives: a package name, a folder of this repo, or a V8/Node category. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const m = /\/dist\/((?:src|bench)\/[^/]+)/.exec(url);
  return m ? m[1]! : url;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const d = url.indexOf('/dist/');
  return d >= 0 ? url.slice(d + 6) : url.replace(/^file:\/\//, '');
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  top: Array<{ fn: string; where: string; selfMs: number; pct: number }>;
  areas: Array<{ area: string; selfMs: number; pct: number }>;
}

export function summarise(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + dt);
    total += dt;
  }
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') { total -= us; continue; }
    const fn = functionName || '(anonymous)';
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const e = fns.get(key) ?? { fn, where, us: 0 };
    e.us += us;
    fns.set(key, e);
    const area = areaOf(url, fn);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const pct = (us: number): number => Math.round((us / total) * 1000) / 10;
  return {
    file,
    totalMs: Math.round(total / 1000),
    top: [...fns.values()].sort((a, b) => b.us - a.us).slice(0, top).map((e) => ({ fn: e.fn, where: e.where, selfMs: Math.round(e.us / 1000), pct: pct(e.us) })),
    areas: [...areas].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([area, us]) => ({ area, selfMs: Math.round(us / 1000), pct: pct(us) })),
  };
}

export function formatSummary(s: ProfileSummary): string {
  const lines = [`${s.file}: ${s.totalMs} ms of CPU samples (idle excluded)`, '  by area (self time):'];
  for (const a of s.areas) lines.push(`    ${a.pct.toFixed(1).padStart(5)}%  ${String(a.selfMs).padStart(6)} ms  ${a.area}`);
  lines.push('  top functions (self time):');
  for (const f of s.top) lines.push(`    ${f.pct.toFixed(1).padStart(5)}%  ${String(f.selfMs).padStart(6)} ms  ${f.fn}  ${f.where}`);
  return lines.join('\n');
}

function main(argv: string[]): void {
  const target = argv[0];
  if (!target) {
    process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile | dir> [--top N] [--match text]\n');
    process.exitCode = 2;
    return;
  }
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 25;
  const matchAt = argv.indexOf('--match');
  const match = matchAt >= 0 ? argv[matchAt + 1] : undefined;
  const files = statSync(target).isDirectory()
    ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile') && (!match || f.includes(match))).sort().map((f) => join(target, f))
    : [target];
  for (const f of files) process.stdout.write(`${formatSummary(summarise(f, top))}\n\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main(process.argv.slice(2));
