import { CliError } from '../cli-error.js';
import { discover, type Answer, type ServicesOptions } from './services-discovery.js';

export type { ServicesOptions };

type Row = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Left-aligned columns under a header line, two spaces apart. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

const ms = (ns: unknown): string => `${(Number(ns) / 1e6).toFixed(2)} ms`;
const byName = (a: Answer, b: Answer) => str(a.body['name']).localeCompare(str(b.body['name'])) || str(a.body['id']).localeCompare(str(b.body['id']));

async function ask(verb: 'PING' | 'INFO' | 'STATS', name: string | undefined, o: ServicesOptions): Promise<Answer[]> {
  const prefix = o.prefix ?? '$SRV';
  const answers = (await discover(name === undefined ? `${prefix}.${verb}` : `${prefix}.${verb}.${name}`, o)).sort(byName);
  if (name !== undefined && answers.length === 0) {
    throw new CliError('remote', `no instance of '${name}' answered ${prefix}.${verb}.${name}: is it running and connected to this NATS server? (\`panini services ls\` lists what answers)`);
  }
  return answers;
}

const out = (text: string) => process.stdout.write(text);
const json = (answers: Answer[]) => out(`${JSON.stringify(answers.map((a) => a.body), null, 2)}\n`);

/** `panini services ls`: one line per service with its instances and versions. */
export async function servicesList(o: ServicesOptions): Promise<number> {
  const answers = await ask('PING', undefined, o);
  if (o.json) { json(answers); return 0; }
  if (answers.length === 0) { out('no services answered\n'); return 0; }
  const services = new Map<string, { versions: Set<string>; instances: number }>();
  for (const a of answers) {
    const s = services.get(str(a.body['name'])) ?? { versions: new Set(), instances: 0 };
    s.versions.add(str(a.body['version']));
    s.instances++;
    services.set(str(a.body['name']), s);
  }
  out(table(['NAME', 'VERSIONS', 'INSTANCES'], [...services].map(([n, s]) => [n, [...s.versions].join(', '), String(s.instances)])));
  return 0;
}

/** `panini services ping [name]`: every instance that answers, with its round-trip time. */
export async function servicesPing(name: string | undefined, o: ServicesOptions): Promise<number> {
  const answers = await ask('PING', name, o);
  if (o.json) { json(answers); return 0; }
  if (answers.length === 0) { out('no services answered\n'); return 0; }
  out(table(['NAME', 'ID', 'VERSION', 'RTT'], answers.map((a) => [str(a.body['name']), str(a.body['id']), str(a.body['version']), `${a.rttMs.toFixed(2)} ms`])));
  return 0;
}

/** `panini services info <name>`: each instance's description and endpoints. */
export async function servicesInfo(name: string, o: ServicesOptions): Promise<number> {
  const answers = await ask('INFO', name, o);
  if (o.json) { json(answers); return 0; }
  for (const a of answers) {
    const b = a.body;
    out(`${str(b['name'])} ${str(b['version'])} (${str(b['id'])})${b['description'] ? `: ${str(b['description'])}` : ''}\n`);
    const endpoints = (b['endpoints'] as Row[] | undefined) ?? [];
    out(table(['ENDPOINT', 'SUBJECT', 'QUEUE GROUP', 'SCHEMAS'], endpoints.map((e) => [
      str(e['name']), str(e['subject']), str(e['queue_group']),
      Object.keys((e['metadata'] as Row | null) ?? {}).filter((k) => k.endsWith('_schema')).map((k) => k.replace(/_schema$/, '')).join(', '),
    ])));
    out('\n');
  }
  return 0;
}

/** `panini services stats <name>`: requests, errors and times per endpoint of each instance. */
export async function servicesStats(name: string, o: ServicesOptions): Promise<number> {
  const answers = await ask('STATS', name, o);
  if (o.json) { json(answers); return 0; }
  const rows = answers.flatMap((a) => ((a.body['endpoints'] as Row[] | undefined) ?? []).map((e) => [
    str(a.body['id']), str(e['name']), str(e['num_requests']), str(e['num_errors']), ms(e['average_processing_time']), str(e['last_error']),
  ]));
  out(table(['ID', 'ENDPOINT', 'REQUESTS', 'ERRORS', 'AVERAGE TIME', 'LAST ERROR'], rows));
  return 0;
}
