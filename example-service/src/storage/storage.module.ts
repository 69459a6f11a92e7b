import { Module, TRANSPORT, type Transport } from '@panini/core';
import { kvBucketToken, type KvBucket, type KvBucketDeclaration } from '@panini/core/jetstream';
import { Storage } from './document-store.js';
import { KvStorage } from './kv-storage.js';
import { MemoryStorage } from './memory-storage.js';

/** The buckets behind the stores the services open (`storage.store('orders')`). */
const BUCKETS = ['orders', 'inventory'] as const;

/**
 * Their declarations, for the app's one `JetStreamModule.forRoot({ buckets })` (ensured at
 * start-up). A capability's forRoot is imported once, in the root module.
 */
export const STORAGE_BUCKETS: KvBucketDeclaration[] = BUCKETS.map((name) => ({ name, history: 1 }));

/**
 * Provides `Storage` to every module: JetStream KV buckets (STORAGE_BUCKETS, declared with the app's JetStreamModule),
 * on a NATS connection; memory otherwise (the testing kit's transport, or `npm start` without a
 * broker). Replace it with your database.
 */
@Module({
  providers: [
    {
      provide: Storage,
      useFactory: (transport: Transport, ...handles: Array<KvBucket<unknown> | undefined>) => {
        if (transport.kind !== 'nats') return new MemoryStorage();
        if (handles.some((h) => h === undefined)) {
          throw new Error(`the storage needs the KV buckets ${BUCKETS.join(', ')}: add STORAGE_BUCKETS to the buckets of JetStreamModule.forRoot in the root module`);
        }
        return new KvStorage(Object.fromEntries(BUCKETS.map((name, i) => [name, handles[i]!])));
      },
      inject: [TRANSPORT, ...BUCKETS.map((name) => ({ token: kvBucketToken(name), optional: true as const }))],
    },
  ],
  exports: [Storage],
})
export class StorageModule {}
