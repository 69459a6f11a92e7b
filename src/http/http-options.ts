import type { FilterLike, GuardLike, InterceptorLike } from '../extensions/extension.types.js';
import type { HttpContext } from './http-context.js';

/** What `HttpModule.forRoot()` takes. Every field is optional. */
export interface HttpModuleOptions {
  /** TCP port (default: the `PORT` environment variable, else 3000). `0` picks a free port; read it from `HttpServer.url`. */
  port?: number;
  /** Interface to listen on (default '0.0.0.0'; '127.0.0.1' keeps the server local). */
  host?: string;
  /** Largest JSON body accepted, in bytes or as '100kb'/'1mb'; a bigger one answers 413 (default '100kb'). */
  bodyLimit?: number | string;
  /**
   * The built-in probes: `GET /healthz` (the process is alive) and `GET /readyz` (NATS connected
   * and every subscription active). `false` turns both off; a path or `false` per probe renames or drops one.
   */
  health?: boolean | { liveness?: string | false; readiness?: string | false };
  /** Express's 'trust proxy' setting, for `req.ip` and `req.protocol` behind a proxy. */
  trustProxy?: boolean | number | string;
  /**
   * On shutdown, how long to keep serving after `/readyz` turned 503 before the listener closes,
   * in ms (default 0), so a load balancer stops sending first. Counts against `shutdownTimeout`.
   */
  shutdownDelay?: number;
  /**
   * Serve the service's AsyncAPI 3.0.0 document (the one `panini asyncapi` prints) as JSON with
   * `GET` at this path, such as `'/asyncapi.json'`. Off by default: a contract can say more than
   * a public endpoint should. Built on the first request, then cached.
   */
  asyncapi?: string;
  /** Guards run for every HTTP route before the controller's and the method's own. */
  guards?: Array<GuardLike<HttpContext>>;
  /** Interceptors around every HTTP route, outermost first. */
  interceptors?: Array<InterceptorLike<HttpContext>>;
  /** Exception filters for every HTTP route, consulted after the controller's and the method's own. */
  filters?: Array<FilterLike<HttpContext>>;
}

/** The options given to `HttpModule.forRoot()`; injectable with `@Inject(HTTP_OPTIONS)`. */
export const HTTP_OPTIONS = Symbol('panini:http-options');

export const DEFAULT_PORT = 3000;
export const DEFAULT_BODY_LIMIT = '100kb';
export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';
