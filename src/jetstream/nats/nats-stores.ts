import { Kvm } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EnsureResult } from '../kv/ensure-store.js';
import { ensureBucket, type KvBucketDeclaration } from '../kv/kv-bucket.declaration.js';
import { ensureObjectStore, type ObjectStoreDeclaration } from '../obj/object-store.declaration.js';
import type { KvStore, ObjStore, StoreBackend } from '../store-backend.js';
import { NatsKvStore } from './nats-kv.store.js';
import { NatsObjStore } from './nats-obj.store.js';

/** Buckets and object stores on a nats-server, through @nats-io/kv and @nats-io/obj. */
export class NatsStores implements StoreBackend {
  private jsm: Promise<JetStreamManager> | undefined;

  constructor(readonly connection: NatsConnection) {}

  async ensureBucket(d: KvBucketDeclaration): Promise<EnsureResult> {
    return ensureBucket(this.connection, await this.manager(), d);
  }

  async openBucket(name: string): Promise<KvStore> {
    return new NatsKvStore(name, await new Kvm(this.connection).open(name));
  }

  async ensureObjectStore(d: ObjectStoreDeclaration): Promise<EnsureResult> {
    return ensureObjectStore(this.connection, await this.manager(), d);
  }

  async openObjectStore(name: string): Promise<ObjStore> {
    return new NatsObjStore(name, await new Objm(this.connection).open(name), this.connection);
  }

  private manager(): Promise<JetStreamManager> {
    this.jsm ??= jetstreamManager(this.connection);
    this.jsm.catch(() => (this.jsm = undefined));
    return this.jsm;
  }
}

const byConnection = new WeakMap<NatsConnection, NatsStores>();

/** The stores of a nats.js connection (one per connection). */
export function natsStores(nc: NatsConnection): NatsStores {
  let s = byConnection.get(nc);
  if (s === undefined) byConnection.set(nc, (s = new NatsStores(nc)));
  return s;
}
