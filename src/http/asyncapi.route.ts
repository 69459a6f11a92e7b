import type { Express } from 'express';
import type { ResolvedOptions } from '../app-options.js';
import type { DiscoveryService } from '../discovery.js';
import { controllerMetadata } from '../metadata/controller.decorator.js';
import type { Type } from '../metadata/types.js';
import { scanHandlers } from '../scanner/handler-scanner.js';
import type { Logger } from '../logging/logger.js';
import { sendError } from './http-errors.js';

/**
 * `GET <path>`: the AsyncAPI document of the service (`HttpModuleOptions.asyncapi`). The contracts
 * code is loaded by the first request only, so an app that never serves it never loads it.
 */
export function addAsyncApiRoute(app: Express, path: string, appOptions: ResolvedOptions, discovery: DiscoveryService, log: Logger): void {
  let document: Promise<string> | undefined;
  const build = async (): Promise<string> => {
    const { documentOf } = await import('../contracts/create-document.js');
    const classes = discovery.all().map((d) => d.cls).filter((c): c is Type => c !== undefined);
    const handlers = scanHandlers(discovery.controllers().map((c) => c.cls).filter((c): c is Type => c !== undefined && controllerMetadata(c) !== undefined));
    return JSON.stringify(await documentOf({ handlers, options: appOptions, classes }));
  };
  app.get(path, (_req, res) => {
    document ??= build();
    document.then((json) => res.type('application/json').send(json), (err: unknown) => {
      document = undefined;
      log.error(`cannot build the AsyncAPI document for ${path}`, err as Error);
      sendError(res, { code: 500, message: 'the AsyncAPI document could not be built' });
    });
  });
}
