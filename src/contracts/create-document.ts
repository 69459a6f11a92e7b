import type { PaniniApplication } from '../app.js';
import { APP_OPTIONS, type ResolvedOptions } from '../app-options.js';
import { DiscoveryService } from '../discovery.js';
import type { Type } from '../metadata/types.js';
import type { HandlerDefinition } from '../scanner/handler-definition.js';
import { loadDtoSchemas } from '../micro/dto-schemas.js';
import { resolveMicro } from '../micro/micro-options.js';
import { planQueues } from '../scanner/queue-groups.js';
import { scanPublications } from '../scanner/publication-scanner.js';
import { resolveServers } from '../transport/connection-options.js';
import { toAsyncApi, type AsyncApiDocument } from './asyncapi-document.js';

/** What `createAsyncApiDocument` takes; every field is optional. */
export interface AsyncApiOptions {
  /** `info.title` (default: the service name). */
  title?: string;
  /** `info.version` (default: `micro.version`, else the nearest package.json's version, else 0.0.0). */
  version?: string;
  /** `info.description` (default: `micro.description`). */
  description?: string;
  /** Server URLs to list (default: the app's `servers`); `false` lists none. Credentials are always dropped. */
  servers?: string[] | false;
}

function versionOf(o: ResolvedOptions): { version: string; description?: string } {
  try {
    const micro = resolveMicro(o.name, o.micro === false ? undefined : o.micro);
    return { version: micro.version, ...(micro.description ? { description: micro.description } : {}) };
  } catch {
    return { version: o.micro ? o.micro.version ?? '0.0.0' : '0.0.0' };
  }
}

/** What a document is made from, as the app (or the HTTP module, from the container) knows it. */
export interface AppContract {
  handlers: readonly HandlerDefinition[];
  options: ResolvedOptions;
  /** Classes that may carry `@Publishes`: controllers and providers. */
  classes: readonly Type[];
}

/** The document of an app's parts; `createAsyncApiDocument` for an app. */
export async function documentOf(app: AppContract, options: AsyncApiOptions = {}): Promise<AsyncApiDocument> {
  const o = app.options;
  const fromApp = versionOf(o);
  let servers: string[] = [];
  if (options.servers !== false) {
    try {
      servers = options.servers ?? resolveServers(o.servers);
    } catch {
      servers = [];
    }
  }
  return toAsyncApi({
    info: {
      title: options.title ?? o.name,
      version: options.version ?? fromApp.version,
      ...((options.description ?? fromApp.description) ? { description: options.description ?? fromApp.description } : {}),
    },
    servers,
    handlers: app.handlers,
    queues: planQueues(app.handlers, o.name).queues,
    publications: scanPublications(app.classes),
    schemas: await loadDtoSchemas('#/components/schemas/'),
  });
}

/**
 * The AsyncAPI 3.0.0 document of a created app, built from what the app already knows (its
 * handlers, their DTOs, declared `@Publishes`), without connecting to NATS: call it before or
 * after `start()`.
 * @throws Error when two different DTO classes share a name (schemas are named by class).
 * @example
 * const app = await PaniniFactory.create(AppModule, { name: 'orders' });
 * const doc = await createAsyncApiDocument(app, { version: '1.2.0' });
 */
export function createAsyncApiDocument(app: PaniniApplication, options: AsyncApiOptions = {}): Promise<AsyncApiDocument> {
  const discovered = app.container.isBound(DiscoveryService) ? app.get(DiscoveryService).all().map((i) => i.cls) : [];
  const classes = [...app.handlers.map((h) => h.controller), ...discovered.filter((c): c is Type => c !== undefined)];
  return documentOf({ handlers: app.handlers, options: app.get<ResolvedOptions>(APP_OPTIONS), classes }, options);
}
