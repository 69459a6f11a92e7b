import type { Scenario, ScenarioEnv, Session } from '../harness/scenario.js';
import { subjectOf, type SubjectName } from '../fixtures/order.payload.js';
import { IN_FLIGHT, PARALLEL_METRICS, parallelRun } from './request-parallel.scenario.js';

/** Scenario 3's plain handler against a handler of the same answer that takes `candidate`'s DTO. */
async function openValidated(env: ScenarioEnv, candidate: SubjectName): Promise<Session> {
  const [client, service] = await Promise.all([env.spawn('panini-client', 'panini'), env.spawn('panini-service', 'panini')]);
  return {
    uses: () => [client, service],
    run(side, count) {
      const subject = subjectOf('panini', side === 'baseline' ? 'request' : candidate);
      return parallelRun({ client, service, subject }, count, env.callTimeoutMs(count));
    },
  };
}

const BASELINE = { name: 'panini', how: 'scenario 3 on Panini: @Payload() order: OrderBody (an interface: no validation)' };

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
  baseline: BASELINE,
  candidate: { name: 'panini+dto', how: '@Payload() order: OrderDto (class-validator: 5 fields, one nested with @ValidateNested), checked by its compiled metadata per request' },
  metrics: PARALLEL_METRICS,
  targets: [{ metric: 'rate', min: 0.8, text: 'at least 0.8x the same scenario without validation' }],
  open: (env) => openValidated(env, 'validated'),
};

/**
 * Scenario 11. Scenario 4 with the compiled checks switched off (`validation: { compiled: false }`):
 * class-transformer and class-validator run on every request, as before they were compiled.
 */
export const requestValidatedByLibrariesScenario: Scenario = {
  id: 'request-validated-libraries',
  number: 11,
  title: `Request/reply, ${IN_FLIGHT} in flight, DTO validated by class-transformer and class-validator on every request`,
  unit: 'requests',
  defaultCount: 30_000,
  baseline: BASELINE,
  candidate: { name: 'panini+dto (libraries)', how: 'scenario 4\'s DTO with validation: { compiled: false }: plainToInstance and validate per request' },
  metrics: PARALLEL_METRICS,
  targets: [],
  open: (env) => openValidated(env, 'validatedByLibraries'),
};
