import { PaniniFactory, type DynamicModule, type PaniniApplication, type PaniniOptions, type Type } from '../../../src/index.js';
import { HttpModule, HttpServer, type HttpModuleOptions } from '../../../src/http/index.js';
import { NullTransport } from '../../support/null-transport.js';

export interface RunningHttpApp {
  app: PaniniApplication;
  /** `http://127.0.0.1:<port>` of the app's HTTP server. */
  url: string;
  /** `fetch` relative to the server. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Creates and starts an app whose root module imports `HttpModule.forRoot()` on a free loopback
 * port and the given modules. Without `servers` or `transport`, NATS is replaced by a transport
 * that connects to nothing, for tests where only HTTP traffic moves.
 */
export async function startHttpApp(
  imports: Array<Type | DynamicModule>,
  options: PaniniOptions = {},
  http: HttpModuleOptions = {},
  configure?: (app: PaniniApplication) => void,
): Promise<RunningHttpApp> {
  const root: DynamicModule = { module: class TestRootModule {}, imports: [HttpModule.forRoot({ port: 0, host: '127.0.0.1', ...http }), ...imports] };
  const transport = options.servers === undefined && options.transport === undefined ? new NullTransport() : options.transport;
  const app = await PaniniFactory.create(root, { name: 'http-test', logging: { silent: true }, handleSignals: false, ...options, ...(transport ? { transport } : {}) });
  configure?.(app);
  await app.start();
  const url = app.get(HttpServer).url;
  return {
    app,
    url,
    fetch: (path, init) => fetch(`${url}${path}`, init),
    close: () => app.close(),
  };
}

/** JSON request options. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
