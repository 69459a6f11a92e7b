import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBench } from '../../bench/harness/run-bench.js';
import { DEFAULTS } from '../../bench/harness/options.js';
import type { BenchReport } from '../../bench/harness/report.js';
import { SCENARIOS } from '../../bench/scenarios/index.js';

// Keeps `npm run bench` from breaking unnoticed: the whole harness, tiny counts, no timing asserts.
describe('bench harness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'panini-bench-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('when run with tiny counts and one repetition', () => {
    it('should complete and write every scenario with numbers to the JSON', async () => {
      const out = join(dir, 'smoke.json');
      const returned = await runBench({ ...DEFAULTS, count: 200, reps: 1, warmup: 0, out, maxScenarioMs: 60_000, log: () => undefined });
      const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;

      assert.deepEqual(report.failed, [], `failed scenarios: ${JSON.stringify(report.scenarios.map((s) => s.error).filter(Boolean))}`);
      assert.deepEqual(report.scenarios.map((s) => s.id), SCENARIOS.map((s) => s.id));
      assert.equal(returned.scenarios.length, report.scenarios.length);
      for (const s of report.scenarios) {
        assert.equal(s.runs.length, 1, s.id);
        for (const m of s.metrics) {
          for (const side of ['baseline', 'candidate'] as const) {
            const v = s.median?.[side][m.key];
            assert.ok(typeof v === 'number' && Number.isFinite(v), `${s.id}: ${side} ${m.key} should be a number, got ${v}`);
          }
          // a figure can be 0 at 200 messages (below its clock's resolution): then it has no ratio
          if (s.median?.baseline[m.key] !== 0) {
            const r = s.median?.ratio[m.key];
            assert.ok(typeof r === 'number' && Number.isFinite(r), `${s.id}: ratio ${m.key} should be a number, got ${r}`);
          }
        }
        for (const t of s.targets) assert.equal(typeof t.met, 'boolean', `${s.id}: target ${t.text}`);
      }
    });
  });
});
