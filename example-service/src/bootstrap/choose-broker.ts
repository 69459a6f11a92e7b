import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Transport } from '@panini/core';
import { MemoryTransport, startNatsServer } from '@panini/core/testing';
import type { ServiceConfig } from '../config/service-config.js';
import { reachable } from './reachable.js';

/** Where the service's messages go, and how to clean up after it. */
export interface Broker {
  readonly kind: 'nats' | 'dev-nats' | 'memory';
  /** NATS URLs (undefined with the memory transport). */
  readonly servers?: string;
  /** The NATS_URL that did not answer, when this broker replaces it. */
  readonly unreachable?: string;
  readonly transport?: Transport;
  /** Stops what this process started (the development broker). */
  dispose(): Promise<void>;
}

export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
}

export function onPath(binary: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/**
 * NATS_URL when something answers there. Otherwise, in development only: a private
 * `nats-server` (loopback, JetStream, temp folder) when the binary is installed, else the
 * in-memory transport. In production, a clear error instead of a surprise.
 */
export async function chooseBroker(config: ServiceConfig, warn: (line: string) => void): Promise<Broker> {
  if (await reachable(config.natsUrl)) return { kind: 'nats', servers: config.natsUrl, dispose: async () => undefined };
  if (config.production) {
    throw new BrokerUnavailableError(`nothing answers at NATS_URL=${config.natsUrl}; with NODE_ENV=production the service does not fall back to a local broker. Start NATS or fix NATS_URL.`);
  }
  if (onPath('nats-server')) {
    // its own process group: Ctrl-C reaches the service, which drains, then stops the broker
    const server = await startNatsServer({ detached: true });
    warn(`nothing answers at NATS_URL=${config.natsUrl}; started a private nats-server at ${server.url} for development instead (NODE_ENV=production never does this)`);
    return { kind: 'dev-nats', servers: server.url, unreachable: config.natsUrl, dispose: () => server.dispose() };
  }
  warn([
    '',
    '!!! WARNING: no NATS at ' + config.natsUrl + ' and no nats-server binary on the PATH.',
    '!!! Running on the IN-MEMORY transport: only this process can reach its subjects.',
    '!!! `panini request` and other services cannot talk to it; the HTTP API still works.',
    '!!! Install nats-server (or start NATS and set NATS_URL) for the real thing.',
    '',
  ].join('\n'));
  return { kind: 'memory', transport: new MemoryTransport(), dispose: async () => undefined };
}
