import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { DiscoveryService, Inject, Injectable, Logger, Optional } from '../index.js';
import type { PlacedComponent } from '../internal.js';
import { HTTP_OPTIONS } from '../http/http-options.js';
import { DEFAULT_PATH, METRICS_OPTIONS, type MetricsModuleOptions } from './metrics-options.js';
import { METRICS_REGISTRY } from './metrics-registry.js';
import { scrapeHandler } from './exposition.js';

/**
 * Serves the registry: on the HTTP module's Express app when the app imports `HttpModule` (and
 * `listen` is not set), else on a listener of its own when `listen` is set. Inject it to read
 * the bound address of that listener: `app.get(MetricsServer).url`.
 */
@Injectable()
export class MetricsServer implements PlacedComponent {
  readonly name = 'metrics server';
  readonly phase = 'after-sources' as const;
  private server: Server | undefined;
  private mounted = false;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsModuleOptions,
    private readonly discovery: DiscoveryService,
    private readonly log: Logger,
    // only a marker that the HTTP module is imported: reading it loads no Express
    @Optional() @Inject(HTTP_OPTIONS) private readonly http?: object,
  ) {}

  get path(): string { return this.options.path ?? DEFAULT_PATH; }

  /** `http://host:port` of the module's own listener (with `listen`), once started. */
  get url(): string {
    const a = this.server?.address() as AddressInfo | null | undefined;
    if (!a) throw new Error('the metrics listener is not running: pass listen: { port } to MetricsModule.forRoot() and call app.start() first');
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  }

  async start(): Promise<void> {
    const handler = scrapeHandler(this.registry, this.log);
    if (this.options.listen) {
      if (this.server) return;
      const { port, host = '127.0.0.1' } = this.options.listen;
      const server = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if ((req.method === 'GET' || req.method === 'HEAD') && path === this.path) return handler(req, res);
        res.statusCode = 404;
        res.end(`not found: metrics are at ${this.path}\n`);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (err) => reject(new Error(`cannot listen for metrics on ${host}:${port}: ${err.message}`, { cause: err })));
        server.listen(port, host, () => resolve());
      });
      server.on('error', (err) => this.log.error('metrics listener error', err));
      this.server = server;
      this.log.info(`metrics at ${this.url}${this.path}`);
    } else if (this.http !== undefined) {
      if (this.mounted) return;
      // loaded only when the app has the HTTP module, which has loaded Express already
      const { HttpServer } = await import('../http/http-server.js');
      const found = this.discovery.all().find((d) => d.token === HttpServer)?.instance as InstanceType<typeof HttpServer> | undefined;
      if (found === undefined) throw new Error('MetricsModule found the HTTP module\'s options but not its HttpServer: is HttpServer overridden? Pass listen: { port } to MetricsModule.forRoot() to serve metrics on their own port');
      found.app.get(this.path, handler);
      this.mounted = true;
    } else {
      this.log.warn(`metrics are collected but not served: import HttpModule.forRoot() from '@panini/core/http', or pass listen: { port } to MetricsModule.forRoot()`);
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // a scrape is short and retried by Prometheus: no reason to wait for one
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
