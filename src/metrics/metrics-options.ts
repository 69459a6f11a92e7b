/** What `MetricsModule.forRoot()` takes. Every field is optional. */
export interface MetricsModuleOptions {
  /** Path of the exposition (default '/metrics'), on the HTTP module's server or on `listen`. */
  path?: string;
  /**
   * A listener of the module's own (`node:http`) instead of the HTTP module's server: for apps
   * without `HttpModule`, or to keep metrics off the public port. `port: 0` picks a free port
   * (read it from `MetricsServer.url`); `host` defaults to '127.0.0.1'.
   */
  listen?: { port: number; host?: string };
  /** prom-client's process metrics (CPU, memory, event loop lag, GC); default true. */
  defaultMetrics?: boolean;
  /** Bucket bounds, in seconds, of the two duration histograms (default: the OpenTelemetry messaging buckets). */
  buckets?: number[];
}

/** Injection token of the options given to `MetricsModule.forRoot()`. */
export const METRICS_OPTIONS = Symbol('panini:metrics-options');

/** What OpenTelemetry recommends for messaging durations, in seconds. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
export const DEFAULT_PATH = '/metrics';

/**
 * Fails `forRoot()` on options that could only fail later, when the app starts.
 * @throws RangeError naming the bad field.
 */
export function checkMetricsOptions(o: MetricsModuleOptions): void {
  if (o.path !== undefined && (typeof o.path !== 'string' || !o.path.startsWith('/'))) {
    throw new RangeError(`MetricsModule.forRoot(): path must start with '/', got ${JSON.stringify(o.path)}`);
  }
  const port = o.listen?.port;
  if (o.listen !== undefined && (!Number.isInteger(port) || port! < 0 || port! > 65535)) {
    throw new RangeError(`MetricsModule.forRoot(): listen.port must be a whole number from 0 to 65535, got ${JSON.stringify(port)}`);
  }
  const b = o.buckets;
  if (b !== undefined && (!Array.isArray(b) || b.length === 0 || b.some((v, i) => !(v > 0) || !Number.isFinite(v) || (i > 0 && v <= b[i - 1]!)))) {
    throw new RangeError('MetricsModule.forRoot(): buckets must be a non-empty list of increasing positive numbers of seconds');
  }
}
