import type { Scenario, Session, Side } from '../harness/scenario.js';
import type { ScenarioEnv } from '../harness/scenario.js';
import type { TracedRunResult, TracingMode } from '../workers/roles/traced-echo.role.js';

const METRICS: Scenario['metrics'] = [
  { key: 'wallUs', label: 'wall µs/request', better: 'lower', digits: 2 },
  { key: 'cpuUs', label: 'CPU µs/request', better: 'lower', digits: 2 },
];
const OFF = { name: 'off', how: 'requests on the memory broker, 32 in flight, no TracingModule' };

/** Both sides in their own worker (OpenTelemetry globals are per process), measured alternately. */
async function open(env: ScenarioEnv, candidate: TracingMode): Promise<Session> {
  const [off, on] = await Promise.all([env.spawn('traced-echo', 'off'), env.spawn('traced-echo', candidate)]);
  const sides: Record<Side, { w: typeof off; mode: TracingMode }> = { baseline: { w: off, mode: 'off' }, candidate: { w: on, mode: candidate } };
  return {
    uses: (side) => [sides[side].w],
    async run(side, count) {
      const { w, mode } = sides[side];
      const r = await w.call<TracedRunResult>('run', { count, mode }, env.callTimeoutMs(count));
      return { wallUs: r.wallUs / count, cpuUs: r.cpuUs / count };
    },
  };
}

/** Scenario 7. What tracing costs per request when an SDK records every span (a client and a process span each). */
export const tracingOnScenario: Scenario = {
  id: 'tracing-on',
  number: 7,
  title: 'Tracing: every span recorded vs no tracing module',
  unit: 'requests',
  defaultCount: 20_000,
  baseline: OFF,
  candidate: { name: 'on', how: 'TracingModule.forRoot() with a BasicTracerProvider, an AsyncLocalStorage context manager and the W3C propagator; spans dropped at export' },
  metrics: METRICS,
  targets: [],
  open: (env) => open(env, 'on'),
};

/** Scenario 8. Tracing imported while no SDK is registered: it should cost nothing. */
export const tracingIdleScenario: Scenario = {
  id: 'tracing-idle',
  number: 8,
  title: 'Tracing: module imported, no tracer provider vs no tracing module',
  unit: 'requests',
  defaultCount: 20_000,
  baseline: OFF,
  candidate: { name: 'idle', how: 'TracingModule.forRoot() and @opentelemetry/api loaded, no SDK registered' },
  metrics: METRICS,
  targets: [{ metric: 'cpuUs', max: 1.05, text: 'no measurable cost without a tracer provider (within 5%)' }],
  open: (env) => open(env, 'idle'),
};
