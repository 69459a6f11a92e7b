import type { Scenario } from '../harness/scenario.js';
import { subjectOf } from '../fixtures/order.payload.js';
import { IN_FLIGHT, PARALLEL_METRICS, parallelRun } from './request-parallel.scenario.js';

/**
 * Scenario 4. Scenario 3 on Panini, with and without a DTO validated on the way in; both sides
 * run on the same two processes and send the same bytes, so validation is the only difference.
 */
export const requestValidatedScenario: Scenario = {
  id: 'request-validated',
  number: 4,
  title: `Request/reply, ${IN_FLIGHT} in flight, DTO validated on the way in`,
  unit: 'requests',
  defaultCount: 60_000,
  baseline: { name: 'panini', how: 'scenario 3 on Panini: @Payload() order: OrderBody (an interface: no validation)' },
  candidate: { name: 'panini+dto', how: '@Payload() order: OrderDto (class-validator: 5 fields, one nested with @ValidateNested), transformed and validated per request' },
  metrics: PARALLEL_METRICS,
  targets: [{ metric: 'rate', min: 0.7, text: 'at least 0.7x the same scenario without validation' }],
  async open(env) {
    const [client, service] = await Promise.all([env.spawn('panini-client', 'panini'), env.spawn('panini-service', 'panini')]);
    return {
      uses: () => [client, service],
      run(side, count) {
        const subject = subjectOf('panini', side === 'baseline' ? 'request' : 'validated');
        return parallelRun({ client, service, subject }, count, env.callTimeoutMs(count));
      },
    };
  },
};
