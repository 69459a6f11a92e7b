/**
 * An optional part the app starts and stops (the HTTP server, the scheduler): `stop` ends
 * taking new work and waits for work in progress, until `deadline` (epoch ms).
 */
export interface AppComponent {
  start(): Promise<void>;
  /** Stop taking new work and wait for work in progress, until `deadline` (epoch ms). */
  stop(deadline: number): Promise<void>;
}

/**
 * Where a component sits in the app's order:
 * - `after-sources`: started once every message source is active, before `onApplicationBootstrap`;
 *   stopped after the `last` ones, before the sources drain (an HTTP server);
 * - `last`: started once the app is running; stopped first (a scheduler).
 * Within a phase, components start in registration order and stop in reverse.
 */
export type ComponentPhase = 'after-sources' | 'last';

/** A component with its place in the order; provide it under `APP_COMPONENTS`. */
export interface PlacedComponent extends AppComponent {
  /** For logs: 'HTTP server' in "HTTP server did not finish within the shutdown timeout". */
  readonly name: string;
  readonly phase: ComponentPhase;
  /** What the app shows as `app[key]` (the HTTP module's Express app as `app.http`). */
  readonly exposes?: { readonly key: string; value(): unknown };
}

/**
 * Multi-provided: every provider of this token (a `PlacedComponent`, or an array of them) takes
 * part in start-up and shutdown. How capability modules add a part without the core naming it.
 * @example
 * { provide: APP_COMPONENTS, useFactory: (s: MyServer) => ({ name: 'my server', phase: 'after-sources', start: () => s.start(), stop: (d) => s.stop(d) }), inject: [MyServer] }
 */
export const APP_COMPONENTS = Symbol('panini:app-components');

/**
 * The values components expose, by key; capability entries fill it in by declaration merging
 * (`@panini/core/http` adds `http: Express`), so the core names none of their types.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ExposedByComponents {}
