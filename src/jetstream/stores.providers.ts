import { TRANSPORT, type Provider, type Transport } from '../index.js';
import { MESSAGE_SOURCES } from '../internal.js';
import { kvBucketToken } from './kv/inject-bucket.decorator.js';
import { KvBucket } from './kv/kv-bucket.js';
import type { KvBucketDeclaration } from './kv/kv-bucket.declaration.js';
import { declaredBucket, kvWatchSourceFactory, type DeclaredStore } from './kv/kv-watch.source.js';
import { ObjectBucket } from './obj/object-bucket.js';
import type { ObjectStoreDeclaration } from './obj/object-store.declaration.js';
import { storesFor } from './resolve-stores.js';
import type { StoreBackend } from './store-backend.js';
import { objectStoreToken } from './obj/inject-object-store.decorator.js';
import { objectWatchSourceFactory } from './obj/object-watch.source.js';

/** The key-value buckets and object stores of `JetStreamModule.forRoot`. */
export interface StoreDeclarations {
  /** Key-value buckets, ensured at start-up in this order; each gets an injectable `KvBucket` (`@InjectBucket(name)`). */
  readonly buckets?: readonly KvBucketDeclaration[];
  /** Object stores, ensured after the buckets; each gets an injectable `ObjectBucket` (`@InjectObjectStore(name)`). */
  readonly objectStores?: readonly ObjectStoreDeclaration[];
}

/**
 * The providers behind declared buckets and object stores: one handle per store (by its token),
 * the source that ensures them at start-up and serves `@KvWatch` handlers, and the source of
 * `@ObjectWatch` handlers (registered after it, so it starts once the stores are ensured).
 * @throws TypeError when a name is declared twice.
 */
export function storeProviders(o: StoreDeclarations): { providers: Provider[]; exports: symbol[] } {
  const buckets = o.buckets ?? [];
  const objectStores = o.objectStores ?? [];
  for (const [what, names] of [['bucket', buckets.map((b) => b.name)], ['object store', objectStores.map((s) => s.name)]] as const) {
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new TypeError(`${what} '${twice}' is declared twice in JetStreamModule.forRoot`);
  }
  const stores: DeclaredStore[] = [
    ...buckets.map(declaredBucket),
    ...objectStores.map((d): DeclaredStore => ({ what: `object store '${d.name}'`, ensure: (stores) => stores.ensureObjectStore(d) })),
  ];
  const providers: Provider[] = [
    ...buckets.map((d): Provider => ({ provide: kvBucketToken(d.name), useFactory: (t: Transport) => new KvBucket(d.name, () => storesOf(t), d), inject: [TRANSPORT] })),
    ...objectStores.map((d): Provider => ({ provide: objectStoreToken(d.name), useFactory: (t: Transport) => new ObjectBucket(d.name, () => storesOf(t)), inject: [TRANSPORT] })),
    { provide: MESSAGE_SOURCES, useValue: kvWatchSourceFactory(stores, buckets) },
    { provide: MESSAGE_SOURCES, useValue: objectWatchSourceFactory },
  ];
  return { providers, exports: [...buckets.map((b) => kvBucketToken(b.name)), ...objectStores.map((s) => objectStoreToken(s.name))] };
}

/** The stores of the app's transport. @throws Error when it has none (a transport without JetStream). */
function storesOf(transport: Transport): StoreBackend {
  const stores = storesFor(transport);
  if (!stores) throw new Error(`the '${transport.kind}' transport has no JetStream key-value buckets or object stores: use a NatsTransport, or the testing kit's MemoryTransport`);
  return stores;
}
