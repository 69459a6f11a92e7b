import { Module, NatsClient, TRANSPORT, type Transport } from '@panini/core';
import { Storage } from './document-store.js';
import { KvStorage } from './kv-storage.js';
import { MemoryStorage } from './memory-storage.js';

/**
 * Provides `Storage` to every module: JetStream KV on a NATS connection, memory otherwise (the
 * testing kit's transport, or `npm start` without a broker). Replace it with your database.
 */
@Module({
  providers: [
    {
      provide: Storage,
      useFactory: (transport: Transport, nats: NatsClient) => (transport.kind === 'nats' ? new KvStorage(nats) : new MemoryStorage()),
      inject: [TRANSPORT, NatsClient],
    },
  ],
  exports: [Storage],
})
export class StorageModule {}
