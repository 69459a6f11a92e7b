import { Kvm } from '@nats-io/kv';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStore, type EnsureResult, type StoreSpec } from './ensure-store.js';
import type { KvValueOptions } from './kv-value.js';

/**
 * A key-value bucket declared in code, ensured at start-up: created when missing, updated when a
 * declared field differs and the server allows the change; a field left out stays as the server
 * has it (nats.js defaults on creation: history 1, no TTL, no size limit, file storage, 1 replica).
 * @example
 * JetStreamModule.forRoot({ streams: [], buckets: [{ name: 'carts', history: 5, ttl: 86_400_000, type: CartDto }] })
 */
export interface KvBucketDeclaration<T = unknown> extends KvValueOptions<T> {
  /** Bucket name: letters, digits, '-' and '_' (the stream is `KV_<name>`). */
  name: string;
  /** Revisions kept per key, 1 to 64. */
  history?: number;
  /** How long a revision is kept, in ms (0: forever). */
  ttl?: number;
  /** Largest size of the whole bucket in bytes (-1: unlimited). Writes past it fail. */
  maxBytes?: number;
  /** Largest value in bytes (-1: the server's max payload). */
  maxValueSize?: number;
  /** Copies in a JetStream cluster (1 to 5); more than 1 needs a cluster. */
  replicas?: number;
  /** 'file' (default) or 'memory'; cannot change once the bucket exists. */
  storage?: 'file' | 'memory';
  description?: string;
  /**
   * false: the bucket is managed elsewhere (`nats kv add`, infrastructure code); start-up only
   * checks that it exists. Default true.
   */
  declare?: boolean;
}

const NS_PER_MS = 1_000_000;

/** What `ensureStore` needs for one bucket, but how to create it. */
export function bucketFields(d: KvBucketDeclaration): Omit<StoreSpec, 'create'> {
  return {
    what: `KV bucket '${d.name}'`,
    bucket: d.name,
    stream: `KV_${d.name}`,
    declare: d.declare !== false,
    fields: [
      { field: 'history', stream: 'max_msgs_per_subject', value: d.history, mutable: true },
      { field: 'ttl', stream: 'max_age', value: d.ttl === undefined ? undefined : d.ttl * NS_PER_MS, mutable: true },
      { field: 'maxBytes', stream: 'max_bytes', value: d.maxBytes, mutable: true },
      { field: 'maxValueSize', stream: 'max_msg_size', value: d.maxValueSize, mutable: true },
      { field: 'replicas', stream: 'num_replicas', value: d.replicas, mutable: true },
      { field: 'storage', stream: 'storage', value: d.storage, mutable: false },
      { field: 'description', stream: 'description', value: d.description, mutable: true },
    ],
    howToCreate: `nats kv add ${d.name}${d.history ? ` --history ${d.history}` : ''}${d.ttl ? ` --ttl ${d.ttl}ms` : ''}${d.storage ? ` --storage ${d.storage}` : ''}`,
  };
}

/** What `ensureStore` needs for one bucket on a nats-server (created through nats.js). */
export function bucketSpec(nc: NatsConnection, d: KvBucketDeclaration): StoreSpec {
  return {
    ...bucketFields(d),
    create: () => new Kvm(nc).create(d.name, {
      ...(d.history !== undefined && { history: d.history }),
      ...(d.ttl !== undefined && { ttl: d.ttl }),
      ...(d.maxBytes !== undefined && { max_bytes: d.maxBytes }),
      ...(d.maxValueSize !== undefined && { maxValueSize: d.maxValueSize }),
      ...(d.replicas !== undefined && { replicas: d.replicas }),
      ...(d.storage !== undefined && { storage: d.storage }),
      ...(d.description !== undefined && { description: d.description }),
    }),
  };
}

/** Ensures one declared bucket (see `ensureStore`). */
export function ensureBucket(nc: NatsConnection, jsm: JetStreamManager, d: KvBucketDeclaration): Promise<EnsureResult> {
  return ensureStore(jsm, bucketSpec(nc, d));
}
