import type { NatsConnection } from '@nats-io/transport-node';
import type { Transport } from '../index.js';
import { JETSTREAM_BACKEND, providesBackend } from './backend.js';
import { natsStores } from './nats/nats-stores.js';
import type { StoreBackend } from './store-backend.js';

/** The nats.js connection behind a transport, or undefined (the memory transport, or not connected yet). */
export function connectionOf(transport: Transport): NatsConnection | undefined {
  try {
    return (transport as Transport & { connection?: NatsConnection }).connection;
  } catch {
    return undefined;
  }
}

/**
 * The key-value and object stores of an app's transport: the transport's own JetStream
 * backend's when it emulates them (the testing kit's `MemoryTransport`), else those over a
 * `NatsTransport`'s connection; undefined when it has neither.
 */
export function storesFor(transport: Transport): StoreBackend | undefined {
  if (providesBackend(transport)) return transport[JETSTREAM_BACKEND]().stores?.();
  const nc = connectionOf(transport);
  return nc ? natsStores(nc) : undefined;
}
