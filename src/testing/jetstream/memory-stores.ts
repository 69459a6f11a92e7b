import type { JetStreamBackend } from '../../jetstream/backend.js';
import { StreamNotFoundError } from '../../jetstream/jetstream.errors.js';
import { ensureStore, type EnsureResult, type StreamAccess } from '../../jetstream/kv/ensure-store.js';
import { bucketFields, type KvBucketDeclaration } from '../../jetstream/kv/kv-bucket.declaration.js';
import { checkBucketName } from '../../jetstream/kv/kv-keys.js';
import { objectStoreFields, type ObjectStoreDeclaration } from '../../jetstream/obj/object-store.declaration.js';
import type { KvStore, ObjStore, StoreBackend } from '../../jetstream/store-backend.js';
import { JsApiError } from './js-api-error.js';
import type { StreamConfig } from './js-types.js';
import type { MemoryJetStream } from './memory-jetstream.js';
import { MemoryKvStore } from './memory-kv.js';
import { MemoryObjStore } from './memory-obj.js';

const NS_PER_MS = 1_000_000;

/**
 * Key-value buckets and object stores in the memory broker's JetStream: created with the stream
 * configuration nats.js gives them on a server, ensured against a declaration by the same rules
 * (`ensureStore`), so a declaration that a server would refuse is refused here too.
 */
export class MemoryStores implements StoreBackend {
  constructor(private readonly js: () => MemoryJetStream, private readonly backend: JetStreamBackend) {}

  ensureBucket(d: KvBucketDeclaration): Promise<EnsureResult> {
    checkBucketName(d.name);
    return ensureStore(this.access, {
      ...bucketFields(d),
      create: async () => this.js().addStream(kvStream(d)),
    });
  }

  async openBucket(name: string): Promise<KvStore> {
    checkBucketName(name);
    this.exists(`KV_${name}`);
    return new MemoryKvStore(name, this.js, this.backend);
  }

  ensureObjectStore(d: ObjectStoreDeclaration): Promise<EnsureResult> {
    checkBucketName(d.name);
    return ensureStore(this.access, {
      ...objectStoreFields(d),
      create: async () => this.js().addStream(objStream(d)),
    });
  }

  async openObjectStore(name: string): Promise<ObjStore> {
    checkBucketName(name);
    this.exists(`OBJ_${name}`);
    return new MemoryObjStore(name, this.js, this.backend);
  }

  /** The engine's stream operations in the server's shapes (what a `JetStreamManager` answers). */
  private readonly access: StreamAccess = {
    streams: {
      info: async (stream) => this.js().streamInfo(stream),
      update: async (stream, config) => this.js().updateStream({ ...(config as Partial<StreamConfig>), name: stream }),
    },
  };

  private exists(stream: string): void {
    try {
      this.js().streamInfo(stream);
    } catch (err) {
      if (err instanceof JsApiError && err.errCode === 10059) throw new StreamNotFoundError(stream, undefined, { cause: err });
      throw err;
    }
  }
}

/** The stream nats.js creates for a bucket (@nats-io/kv `Bucket.init`, on a server >= 2.7.2). */
function kvStream(d: KvBucketDeclaration): Partial<StreamConfig> & { name: string } {
  return {
    name: `KV_${d.name}`,
    subjects: [`$KV.${d.name}.>`],
    retention: 'limits',
    max_msgs_per_subject: d.history ?? 1,
    max_msg_size: d.maxValueSize ?? -1,
    storage: d.storage ?? 'file',
    num_replicas: d.replicas ?? 1,
    discard: 'new',
    allow_rollup_hdrs: true,
    ...(d.maxBytes !== undefined && { max_bytes: d.maxBytes }),
    ...(d.ttl !== undefined && d.ttl > 0 && { max_age: d.ttl * NS_PER_MS }),
    ...(d.description !== undefined && { description: d.description }),
  };
}

/** The stream nats.js creates for an object store (@nats-io/obj `ObjectStoreImpl.init`). */
function objStream(d: ObjectStoreDeclaration): Partial<StreamConfig> & { name: string } {
  return {
    name: `OBJ_${d.name}`,
    subjects: [`$O.${d.name}.C.>`, `$O.${d.name}.M.>`],
    retention: 'limits',
    storage: d.storage ?? 'file',
    num_replicas: d.replicas ?? 1,
    discard: 'new',
    allow_rollup_hdrs: true,
    ...(d.maxBytes !== undefined && { max_bytes: d.maxBytes }),
    ...(d.ttl !== undefined && d.ttl > 0 && { max_age: d.ttl * NS_PER_MS }),
    ...(d.description !== undefined && { description: d.description }),
  };
}
