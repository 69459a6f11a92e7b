import { eventsVariantScenario } from './events-variant.js';

/**
 * Scenario 9. What `@panini/core/metrics` costs on the events path: scenario 1's Panini service
 * without and with `MetricsModule.forRoot()`; nothing scrapes during the run, as between two
 * scrapes in production.
 */
export const metricsScenario = eventsVariantScenario({
  id: 'metrics',
  number: 9,
  title: 'Events with the metrics module off vs on',
  baseline: { role: 'panini-service', how: 'the Panini service of scenario 1: a @Subject handler taking @Payload(), default options, no metrics module' },
  candidate: { role: 'panini-metrics-service', name: 'metrics', how: 'the same service importing MetricsModule.forRoot({ listen: { port: 0 } }) (process metrics on, one histogram observation per event)' },
  maxCpu: 1.1,
  cpuText: 'at most 1.1x the service CPU per event without metrics',
});
