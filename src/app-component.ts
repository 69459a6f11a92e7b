/**
 * An optional part the app starts and stops in a fixed place of its order (the HTTP server,
 * the scheduler). Provided under one of the tokens below; the app looks them up.
 */
export interface AppComponent {
  start(): Promise<void>;
  /** Stop taking new work and wait for work in progress, until `deadline` (epoch ms). */
  stop(deadline: number): Promise<void>;
}

/** Started after subscriptions are active; stopped right after readiness turns false. */
export const HTTP_COMPONENT = Symbol('panini:http-component');
/** Started last (once the app is fully up); stopped first. */
export const SCHEDULER_COMPONENT = Symbol('panini:scheduler-component');
