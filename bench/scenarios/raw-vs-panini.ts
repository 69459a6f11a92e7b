import type { ScenarioEnv, Side, SideWorkers } from '../harness/scenario.js';
import { subjectOf, type SubjectName } from '../fixtures/order.payload.js';

/** Starts the four processes of a raw-vs-Panini scenario: a client and a service per side. */
export async function spawnRawAndPanini(env: ScenarioEnv, subject: SubjectName): Promise<Record<Side, SideWorkers>> {
  const [rawClient, rawService, paniniClient, paniniService] = await Promise.all([
    env.spawn('raw-client', 'raw'), env.spawn('raw-service', 'raw'),
    env.spawn('panini-client', 'panini'), env.spawn('panini-service', 'panini'),
  ]);
  return {
    baseline: { client: rawClient, service: rawService, subject: subjectOf('raw', subject) },
    candidate: { client: paniniClient, service: paniniService, subject: subjectOf('panini', subject) },
  };
}
