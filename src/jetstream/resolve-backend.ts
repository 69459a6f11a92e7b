import type { NatsConnection } from '@nats-io/transport-node';
import type { Transport } from '../index.js';
import { JETSTREAM_BACKEND, providesBackend, type JetStreamBackend } from './backend.js';
import { NatsJetStreamBackend } from './nats/nats.backend.js';

const byConnection = new WeakMap<object, JetStreamBackend>();

/**
 * The JetStream backend of an app's transport: the transport's own when it emulates JetStream
 * (the testing kit's `MemoryTransport`), else one over a `NatsTransport`'s connection (one per
 * connection, shared by the source and `JetStreamClient`).
 * @throws Error when the transport has neither, or is not connected yet.
 */
export function backendFor(transport: Transport): JetStreamBackend {
  if (providesBackend(transport)) return transport[JETSTREAM_BACKEND]();
  const nc = (transport as { connection?: NatsConnection }).connection;
  if (nc === undefined) throw new Error(`the '${transport.kind}' transport has no JetStream: use a NatsTransport, or the testing kit's MemoryTransport`);
  let b = byConnection.get(nc);
  if (b === undefined) byConnection.set(nc, (b = new NatsJetStreamBackend(nc)));
  return b;
}
