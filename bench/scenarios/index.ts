import type { Scenario } from '../harness/scenario.js';
import { eventsBatchedScenario, eventsScenario } from './events.scenario.js';
import { requestSerialScenario } from './request-serial.scenario.js';
import { requestParallelScenario } from './request-parallel.scenario.js';
import { requestValidatedByLibrariesScenario, requestValidatedScenario } from './request-validated.scenario.js';
import { loggingScenario } from './logging.scenario.js';
import { httpScenario } from './http.scenario.js';
import { tracingIdleScenario, tracingOnScenario } from './tracing.scenario.js';
import { metricsScenario } from './metrics.scenario.js';
import { microScenario } from './micro.scenario.js';
import { workersCpuScenario, workersScenario } from './workers.scenario.js';
import { memoryScenario } from './memory.scenario.js';
import { messageScopeScenario } from './message-scope.scenario.js';
import { jetstreamScenario } from './jetstream.scenario.js';

/** Every scenario, in the order of the issue. */
export const SCENARIOS: readonly Scenario[] = [
  eventsScenario,
  requestSerialScenario,
  requestParallelScenario,
  requestValidatedScenario,
  loggingScenario,
  httpScenario,
  tracingOnScenario,
  tracingIdleScenario,
  metricsScenario,
  microScenario,
  requestValidatedByLibrariesScenario,
  workersScenario,
  workersCpuScenario,
  eventsBatchedScenario,
  memoryScenario,
  messageScopeScenario,
  jetstreamScenario,
];
