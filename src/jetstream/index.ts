// The public entry of '@panini/core/jetstream': durable JetStream consumers and publishing.
export { JetStreamModule } from './jetstream.module.js';
export { Consume, JETSTREAM_SOURCE, type ConsumeOptions } from './consume.decorator.js';
export { JetStreamContext } from './jetstream.context.js';
export { JetStreamClient, type JetStreamPublishOptions } from './jetstream.client.js';
export { DEAD_LETTER_HEADERS } from './dead-letter.js';
export {
  JETSTREAM_OPTIONS, backoffDelay,
  type JetStreamModuleOptions, type StreamDeclaration, type ConsumerDeclaration, type JetStreamDefaults,
} from './jetstream-options.js';
export {
  StreamNotFoundError, ConsumerNotFoundError, WrongLastSequenceError, WrongLastMsgIdError, StreamMismatchError,
  PublishTimeoutError, JetStreamApiError, JetStreamDeclarationError,
} from './jetstream.errors.js';
export {
  JETSTREAM_BACKEND, providesBackend,
  type JetStreamBackend, type JetStreamCapableTransport, type JetStreamMessage, type DeliveryInfo, type PubAck, type PublishExpectations,
  type StreamConfig, type StreamInfo, type StreamState, type ConsumerConfig, type ConsumerInfo, type ConsumerState,
  type FetchOptions, type PullBatch, type OrderedOptions, type OrderedSubscription, type BackendEvent, type BackendPublishOptions,
  type BackendServerInfo, type RetentionPolicy, type StorageType, type DiscardPolicy, type DeliverPolicy, type AckPolicy,
} from './backend.js';
export { NatsJetStreamBackend } from './nats/nats.backend.js';
export { serverFeatures } from './server-features.js';
export { backendFor } from './resolve-backend.js';

// key-value buckets and object stores
export type { StoreDeclarations } from './stores.providers.js';
export { KvBucket, type KvChange, type KvEntryOf, type KvOperation, type KvWriteOptions } from './kv/kv-bucket.js';
export type { KvBucketDeclaration } from './kv/kv-bucket.declaration.js';
export type { KvValueOptions } from './kv/kv-value.js';
export { InjectBucket, kvBucketToken } from './kv/inject-bucket.decorator.js';
export { KvWatch, KV_WATCH_SOURCE, type KvWatchOptions } from './kv/kv-watch.decorator.js';
export { kvChangeOf, type KvChangeInfo } from './kv/kv-change.js';
export { KvError, type KvErrorKind, type KvErrorDetails } from './kv/kv.errors.js';
export { ObjectBucket, type ObjectMeta, type ObjectRead, type ObjectSource, type ObjectPutOptions } from './obj/object-bucket.js';
export type { ObjectStoreDeclaration } from './obj/object-store.declaration.js';
export { InjectObjectStore, objectStoreToken } from './obj/inject-object-store.decorator.js';
export { ObjectWatch, OBJECT_WATCH_SOURCE, type ObjectWatchOptions, type ObjectOperation } from './obj/object-watch.decorator.js';
export { objectChangeOf, type ObjectChangeInfo } from './obj/object-change.js';
export { storesFor } from './resolve-stores.js';
export type {
  StoreBackend, KvStore, KvStoreEntry, KvStoreWatch, KvStoreWatchOptions, ObjStore, ObjStorePutMeta,
  ObjStoreChange, ObjStoreWatch, ObjStoreWatchOptions,
} from './store-backend.js';
