import type { Metric, Registry } from 'prom-client';

/** One labelled series: plain counts per bucket, made cumulative only when scraped. */
export class HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(readonly labels: Readonly<Record<string, string>>, private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length);
  }

  /** Records one value (seconds). A value above the last bound counts only in `+Inf`. */
  observe(value: number): void {
    const b = this.bounds;
    for (let i = 0; i < b.length; i++) {
      if (value <= b[i]!) { this.counts[i]!++; break; }
    }
    this.sum += value;
    this.count++;
  }
}

/**
 * A Prometheus histogram for the per-message path. prom-client's `Histogram.observe` checks and
 * hashes the labels on every call (about a microsecond); here each series is an object the
 * caller keeps, so a message costs a bucket search and three additions, and the exposition is
 * built when Prometheus scrapes. Registered in the registry like any prom-client metric.
 */
export class SeriesHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series: HistogramSeries[] = [];

  constructor(readonly name: string, readonly help: string, private readonly bounds: readonly number[], registry: Registry) {
    // the registry calls only name, help, type and get() (and reset() through resetMetrics())
    registry.registerMetric(this as unknown as Metric);
  }

  /** A new series with these labels; keep it and call `observe` on it. */
  create(labels: Record<string, string>): HistogramSeries {
    const s = new HistogramSeries(labels, this.bounds);
    this.series.push(s);
    return s;
  }

  reset(): void {
    for (const s of this.series) { s.counts.fill(0); s.sum = 0; s.count = 0; }
  }

  async get() {
    const values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> = [];
    for (const s of this.series) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += s.counts[i]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
      values.push({ metricName: `${this.name}_sum`, labels: s.labels, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels: s.labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
