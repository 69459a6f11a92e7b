import { eventsVariantScenario } from './events-variant.js';

/**
 * Scenario 10. What the `$SRV` responder costs on the events path: it is on by default and counts
 * every request-capable handler through the pipeline events, so every service pays it. Scenario
 * 1's Panini service with `micro: false` against the default.
 */
export const microScenario = eventsVariantScenario({
  id: 'micro',
  number: 10,
  title: 'Events with $SRV off vs on (the default)',
  baseline: { role: 'panini-service-no-micro', how: 'the Panini service of scenario 1 with micro: false (no $SRV subscriptions, no pipeline listener)' },
  candidate: { role: 'panini-service', name: '$SRV', how: 'the same service with default options: $SRV on, its stats listener on every handler' },
  maxCpu: 1.1,
  cpuText: 'at most 1.1x the service CPU per event without $SRV',
});
