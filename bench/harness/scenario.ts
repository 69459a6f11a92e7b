import type { WorkerHandle } from './worker-handle.js';
import type { Metrics } from './stats.js';

export interface MetricSpec {
  key: string;
  label: string;
  /** 'higher' when more is better (rates), 'lower' for latencies and CPU. */
  better: 'higher' | 'lower';
  digits: number;
}

/** A target on the median of the per-repetition ratios candidate / baseline. */
export interface TargetSpec {
  metric: string;
  min?: number;
  max?: number;
  /** The target as the issue states it. */
  text: string;
}

export interface SideSpec {
  name: string;
  /** How this side is built, in one sentence (goes into the JSON and the docs). */
  how: string;
}

export type Side = 'baseline' | 'candidate';

/** The two processes of one side and the subject they talk on. */
export interface SideWorkers {
  client: WorkerHandle;
  service: WorkerHandle;
  subject: string;
}

/** What a scenario gets from the harness. */
export interface ScenarioEnv {
  url: string;
  /**
   * Forks a worker playing `role` for the side whose subjects start with `prefix`; the harness
   * closes (or kills) it when the scenario ends.
   */
  spawn(role: string, prefix: string): Promise<WorkerHandle>;
  /** Deadline of one measured call for `count` messages. */
  callTimeoutMs(count: number): number;
  /** The nats-server's CPU time so far (user + system), µs; NaN where `/proc` cannot tell (not Linux). */
  serverCpuUs(): number;
}

export interface Session {
  /** One measured run of `count` messages on one side. */
  run(side: Side, count: number): Promise<Metrics>;
  /** The workers a side's run keeps busy (the ones profiled with `--profile`). */
  uses(side: Side): WorkerHandle[];
}

/**
 * One benchmark: a baseline and a candidate measured alternately in the same run, each figure
 * of the candidate reported as a ratio to the baseline of the same repetition.
 */
export interface Scenario {
  id: string;
  number: number;
  title: string;
  /** What one counted unit is: 'events', 'requests', 'log calls'. */
  unit: string;
  defaultCount: number;
  baseline: SideSpec;
  candidate: SideSpec;
  metrics: MetricSpec[];
  targets: TargetSpec[];
  open(env: ScenarioEnv): Promise<Session>;
}
