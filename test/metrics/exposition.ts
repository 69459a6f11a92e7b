/** One sample of the Prometheus text exposition: `name{labels} value`. */
export interface Sample { name: string; labels: Record<string, string>; value: number }

/** Parses the text exposition format (comments skipped; label values unescaped). */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    }
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The samples named `name` whose labels include every pair of `where`. */
export function find(samples: Sample[], name: string, where: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v));
}

/** The value of the one sample that matches; throws when none or several do. */
export function value(samples: Sample[], name: string, where: Record<string, string> = {}): number {
  const found = find(samples, name, where);
  if (found.length !== 1) throw new Error(`expected one sample of ${name} ${JSON.stringify(where)}, found ${found.length}`);
  return found[0]!.value;
}
