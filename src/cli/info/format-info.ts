import { SERVICE_QUEUE, type AppDescription, type BacklogLimits } from './app-description.js';

/** Left-aligned columns with two spaces between them. */
export function table(header: string[], rows: string[][], indent = '  '): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function bytes(n: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  return `${n} B`;
}

/** `10000 msgs / 64 MiB`, with `no limit` for a lifted one. */
function backlog(b: BacklogLimits): string {
  return `${b.maxMessages === null ? 'no limit' : `${b.maxMessages} msgs`} / ${b.maxBytes === null ? 'no limit' : bytes(b.maxBytes)}`;
}

function section(title: string, body: string | undefined, empty: string): string {
  return `${title}\n${body ?? `  ${empty}`}\n`;
}

/** The human form of `panini info`. */
export function formatInfo(d: AppDescription): string {
  const modules = d.modules.map((m) => {
    const parts = [
      m.imports.length ? `imports ${m.imports.join(', ')}` : '',
      m.controllers.length ? `controllers ${m.controllers.join(', ')}` : '',
      m.providers.length ? `providers ${m.providers.join(', ')}` : '',
    ].filter(Boolean);
    return [`${m.name}${m.global ? ' (global)' : ''}`, parts.join('; ') || '-'];
  });
  const handlers = d.handlers.map((h) => [h.pattern, h.queue ?? '(none: every instance)', h.handler, h.payload ?? '-', backlog(h.backlog)]);
  const dtos = d.dtos.map((x) => [x.name, x.fields.map((f) => `${f.name} (${f.rules.join(', ')})`).join(', ') || '-']);
  const tasks = d.tasks.map((t) => [t.name, t.kind, t.schedule]);
  const http = d.http.map((r) => [r.method, r.path, r.handler, r.body ?? '-']);
  const out = [
    `Root module: ${d.rootModule}\n`,
    section('Modules', modules.length ? table(['MODULE', 'CONTENTS'], modules) : undefined, 'none'),
    section('NATS handlers', handlers.length ? table(['SUBJECT', 'QUEUE GROUP', 'HANDLER', 'PAYLOAD', 'BACKLOG'], handlers) : undefined, 'none'),
    section('DTOs', dtos.length ? table(['DTO', 'FIELDS'], dtos) : undefined, 'none'),
    section('Tasks', tasks.length ? table(['TASK', 'KIND', 'SCHEDULE'], tasks) : undefined, 'none'),
    section('HTTP routes', http.length ? table(['METHOD', 'PATH', 'HANDLER', 'BODY'], http) : undefined, 'none (import HttpModule.forRoot() from @panini/core/http to serve HTTP)'),
  ];
  if (d.handlers.length) out.push('BACKLOG: messages that may wait per subscription (the @Subject backlog option, else the default; a PaniniOptions.backlog given where the app is created is not seen here). Past it, requests get 503 and events are shed, counted in app.stats().\n');
  if (d.handlers.some((h) => h.queue?.startsWith(SERVICE_QUEUE))) {
    out.push(`${SERVICE_QUEUE}: the queue group defaults to the service name given to PaniniFactory.create, so replicas share the load; a handler whose subject overlaps another's gets ${SERVICE_QUEUE}.<Controller>.<method>, so each sees every message.\n`);
  }
  return out.join('\n');
}
