import { Module, TRANSPORT, type Transport } from '@panini/core';
import { JetStreamModule, kvBucketToken, type KvBucket } from '@panini/core/jetstream';
import { Storage } from './document-store.js';
import { KvStorage } from './kv-storage.js';
import { MemoryStorage } from './memory-storage.js';

/** The buckets behind the stores the services open (`storage.store('orders')`). */
const BUCKETS = ['orders', 'inventory'] as const;

/**
 * Provides `Storage` to every module: JetStream KV buckets, declared here and ensured at start-up,
 * on a NATS connection; memory otherwise (the testing kit's transport, or `npm start` without a
 * broker). Replace it with your database.
 */
@Module({
  imports: [JetStreamModule.forRoot({ streams: [], buckets: BUCKETS.map((name) => ({ name, history: 1 })) })],
  providers: [
    {
      provide: Storage,
      useFactory: (transport: Transport, ...handles: Array<KvBucket<unknown>>) =>
        transport.kind === 'nats' ? new KvStorage(Object.fromEntries(BUCKETS.map((name, i) => [name, handles[i]!]))) : new MemoryStorage(),
      inject: [TRANSPORT, ...BUCKETS.map(kvBucketToken)],
    },
  ],
  exports: [Storage],
})
export class StorageModule {}
