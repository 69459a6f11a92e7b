import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../index.js';

/**
 * Answers one scrape with the registry's text exposition. Works on a plain `node:http` request
 * and on an Express one (which extends it). A collector that throws answers 500 and is logged,
 * so a broken custom metric shows up in Prometheus as a failed scrape, not as silence.
 */
export function scrapeHandler(registry: Registry, log: Logger) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    registry.metrics().then(
      (text) => {
        res.statusCode = 200;
        res.setHeader('content-type', registry.contentType);
        res.setHeader('cache-control', 'no-store');
        res.end(text);
      },
      (err: unknown) => {
        log.error('collecting metrics for a scrape failed', err as Error);
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(`collecting metrics failed: ${(err as Error)?.message ?? String(err)}\n`);
      },
    );
  };
}
