import type { Scenario } from '../harness/scenario.js';
import type { WorkerHandle } from '../harness/worker-handle.js';
import { spawnRawAndPanini } from './raw-vs-panini.js';
import { parallelRun } from './request-parallel.scenario.js';

interface Memory { rssMb: number; heapUsedMb: number }
const memoryOf = (w: WorkerHandle, timeout: number): Promise<Memory> => w.call<Memory>('memory', undefined, timeout);

/**
 * Scenario 14. Resident memory of the responder of scenario 3, raw and Panini: once set up and
 * idle, and after a run of `count` requests (1,000,000 by default; each repetition adds as many,
 * so later repetitions show whether memory keeps growing). Garbage is collected before each reading.
 */
export const memoryScenario: Scenario = {
  id: 'memory',
  number: 14,
  title: 'Resident memory of an idle responder and after 1M requests',
  unit: 'requests',
  defaultCount: 1_000_000,
  baseline: { name: 'raw', how: 'the raw responder of scenario 2 (nc.subscribe with a queue group), called by nats.js request() from 64 loops' },
  candidate: { name: 'panini', how: 'the Panini @Subject responder of scenario 2 (default options), called by NatsClient.request from 64 loops' },
  metrics: [
    { key: 'idleMb', label: 'RSS MiB idle (before the run)', better: 'lower', digits: 1 },
    { key: 'afterMb', label: 'RSS MiB after the run', better: 'lower', digits: 1 },
    { key: 'heapAfterMb', label: 'JS heap used MiB after the run', better: 'lower', digits: 1 },
    { key: 'rate', label: 'requests/s', better: 'higher', digits: 0 },
  ],
  targets: [],
  async open(env) {
    const sides = await spawnRawAndPanini(env, 'request');
    return {
      uses: (side) => [sides[side].service],
      async run(side, count) {
        const timeout = env.callTimeoutMs(count);
        const before = await memoryOf(sides[side].service, timeout);
        const { rate } = await parallelRun(sides[side], count, timeout);
        const after = await memoryOf(sides[side].service, timeout);
        return { idleMb: before.rssMb, afterMb: after.rssMb, heapAfterMb: after.heapUsedMb, rate };
      },
    };
  },
};
