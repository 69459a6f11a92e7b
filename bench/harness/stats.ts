/** Named figures of one run: `{ rate: 412000, cpuPerMsg: 3.1 }`. */
export type Metrics = Record<string, number>;

export function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** The median of every metric over several runs. */
export function medianOf(runs: readonly Metrics[], keys: readonly string[]): Metrics {
  const out: Metrics = {};
  for (const k of keys) out[k] = median(runs.map((r) => r[k] ?? NaN));
  return out;
}

/** candidate / baseline, metric by metric, for two runs of the same repetition. */
export function ratioOf(candidate: Metrics, baseline: Metrics, keys: readonly string[]): Metrics {
  const out: Metrics = {};
  for (const k of keys) out[k] = (candidate[k] ?? NaN) / (baseline[k] ?? NaN);
  return out;
}
