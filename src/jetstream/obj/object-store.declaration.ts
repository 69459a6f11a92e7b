import { Objm } from '@nats-io/obj';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStore, type EnsureResult, type StoreSpec } from '../kv/ensure-store.js';

/**
 * An object store declared in code, ensured at start-up like a bucket (created when missing,
 * updated when a declared field differs and the server allows it; a field left out stays as the
 * server has it).
 * @example
 * JetStreamModule.forRoot({ streams: [], objectStores: [{ name: 'invoices', maxBytes: 10 * 1024 ** 3 }] })
 */
export interface ObjectStoreDeclaration {
  /** Store name: letters, digits, '-' and '_' (the stream is `OBJ_<name>`). */
  name: string;
  /** How long an object is kept, in ms (0: forever). */
  ttl?: number;
  /** Largest size of the whole store in bytes (-1: unlimited). */
  maxBytes?: number;
  /** Copies in a JetStream cluster (1 to 5). */
  replicas?: number;
  /** 'file' (default) or 'memory'; cannot change once the store exists. */
  storage?: 'file' | 'memory';
  description?: string;
  /** false: managed elsewhere (`nats object add`); start-up only checks that it exists. Default true. */
  declare?: boolean;
}

const NS_PER_MS = 1_000_000;

/** What `ensureStore` needs for one object store, but how to create it. */
export function objectStoreFields(d: ObjectStoreDeclaration): Omit<StoreSpec, 'create'> {
  return {
    what: `object store '${d.name}'`,
    bucket: d.name,
    stream: `OBJ_${d.name}`,
    declare: d.declare !== false,
    fields: [
      { field: 'ttl', stream: 'max_age', value: d.ttl === undefined ? undefined : d.ttl * NS_PER_MS, mutable: true },
      { field: 'maxBytes', stream: 'max_bytes', value: d.maxBytes, mutable: true },
      { field: 'replicas', stream: 'num_replicas', value: d.replicas, mutable: true },
      { field: 'storage', stream: 'storage', value: d.storage, mutable: false },
      { field: 'description', stream: 'description', value: d.description, mutable: true },
    ],
    howToCreate: `nats object add ${d.name}${d.storage ? ` --storage ${d.storage}` : ''}`,
  };
}

/** Ensures one declared object store on a nats-server (see `ensureStore`). */
export function ensureObjectStore(nc: NatsConnection, jsm: JetStreamManager, d: ObjectStoreDeclaration): Promise<EnsureResult> {
  return ensureStore(jsm, {
    ...objectStoreFields(d),
    create: () => new Objm(nc).create(d.name, {
      ...(d.ttl !== undefined && { ttl: d.ttl * NS_PER_MS }),
      ...(d.maxBytes !== undefined && { max_bytes: d.maxBytes }),
      ...(d.replicas !== undefined && { replicas: d.replicas }),
      ...(d.storage !== undefined && { storage: d.storage }),
      ...(d.description !== undefined && { description: d.description }),
    }),
  });
}
