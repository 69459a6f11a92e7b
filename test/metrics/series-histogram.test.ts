import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { SeriesHistogram } from '../../src/metrics/series-histogram.js';
import { parseExposition, value } from './exposition.js';

describe('SeriesHistogram', () => {
  describe('when values fall in, between and above the bounds', () => {
    it('should expose cumulative buckets, +Inf, sum and count like a Prometheus histogram', async () => {
      const registry = new Registry();
      const h = new SeriesHistogram('work_seconds', 'Work', [0.1, 1], registry);
      const s = h.create({ kind: 'a' });
      for (const v of [0.05, 0.1, 0.5, 3]) s.observe(v);
      const samples = parseExposition(await registry.metrics());
      assert.equal(value(samples, 'work_seconds_bucket', { kind: 'a', le: '0.1' }), 2);
      assert.equal(value(samples, 'work_seconds_bucket', { kind: 'a', le: '1' }), 3);
      assert.equal(value(samples, 'work_seconds_bucket', { kind: 'a', le: '+Inf' }), 4);
      assert.equal(value(samples, 'work_seconds_count', { kind: 'a' }), 4);
      assert.equal(value(samples, 'work_seconds_sum', { kind: 'a' }), 3.65);
    });
  });

  describe('when the registry is reset', () => {
    it('should keep the series at zero', async () => {
      const registry = new Registry();
      const h = new SeriesHistogram('work_seconds', 'Work', [1], registry);
      h.create({}).observe(0.5);
      registry.resetMetrics();
      const samples = parseExposition(await registry.metrics());
      assert.equal(value(samples, 'work_seconds_count'), 0);
      assert.equal(value(samples, 'work_seconds_bucket', { le: '1' }), 0);
    });
  });
});
