import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsModule } from '../../src/metrics/index.js';

describe('MetricsModule.forRoot', () => {
  describe('when an option could only fail at start-up', () => {
    it('should throw a RangeError naming it', () => {
      assert.throws(() => MetricsModule.forRoot({ path: 'metrics' }), { name: 'RangeError', message: /path must start with '\/'/ });
      assert.throws(() => MetricsModule.forRoot({ listen: { port: 70000 } }), { name: 'RangeError', message: /listen\.port/ });
      assert.throws(() => MetricsModule.forRoot({ buckets: [1, 0.5] }), { name: 'RangeError', message: /buckets/ });
    });
  });

  describe('when the options are valid', () => {
    it('should return a global module', () => {
      assert.equal(MetricsModule.forRoot({ path: '/prom', listen: { port: 0 }, buckets: [0.1, 1] }).global, true);
    });
  });
});
