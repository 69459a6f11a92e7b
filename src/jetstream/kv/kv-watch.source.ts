import type { InboundMessage } from '../../index.js';
import type { AbandonedWork, HandlerRunner, MessageSource, SourceContext, SourceFactory } from '../../internal.js';
import type { EnsureResult } from './ensure-store.js';
import { KvBucket } from './kv-bucket.js';
import { KV_WATCH_SOURCE, kvWatchSpecOf } from './kv-watch.decorator.js';
import { WatchPolicy, type WatchedChange } from '../watch.policy.js';
import { changeIn } from './kv-change.js';
import { KvWatcher } from './kv-watcher.js';
import type { KvBucketDeclaration } from './kv-bucket.declaration.js';
import { connectionOf, storesFor } from '../resolve-stores.js';
import type { StoreBackend } from '../store-backend.js';

/** A store to ensure at start-up (a bucket or an object store), with its name for the log. */
export interface DeclaredStore {
  readonly what: string;
  ensure(stores: StoreBackend): Promise<EnsureResult>;
}

/**
 * The source of `@KvWatch` handlers. At start it ensures every declared bucket and object store
 * (in declaration order, before any watch opens), then opens one watch per handler.
 */
export class KvWatchSource implements MessageSource {
  readonly kind = KV_WATCH_SOURCE;
  private readonly watchers: KvWatcher[] = [];
  private readonly runners: HandlerRunner[] = [];

  constructor(private readonly ctx: SourceContext, private readonly stores: readonly DeclaredStore[], private readonly buckets: ReadonlyMap<string, KvBucketDeclaration>) {}

  async start(): Promise<void> {
    const { handlers, transport, logger } = this.ctx;
    if (handlers.length === 0 && this.stores.length === 0) return;
    const stores = storesFor(transport);
    const log = logger.child('JetStream');
    if (!stores) {
      if (handlers.length > 0) throw new Error(`${handlers[0]!.name} is a @KvWatch handler, which needs JetStream key-value buckets; the ${transport.kind} transport has none (use a NatsTransport, or the testing kit's MemoryTransport)`);
      // an app that falls back to another storage without a broker still starts; a handle used there fails on first use
      log.debug(`${this.stores.map((s) => s.what).join(', ')} not ensured: the ${transport.kind} transport has no JetStream key-value or object store`);
      return;
    }
    for (const s of this.stores) {
      const r = await s.ensure(stores);
      if (r.action === 'created') log.info(`${s.what} created`);
      else if (r.action === 'updated') log.info(`${s.what} updated: ${r.fields.join(', ')}`);
    }
    for (const def of handlers) {
      const spec = kvWatchSpecOf(def.options);
      const bucket = new KvBucket(spec.bucket, () => stores, this.buckets.get(spec.bucket) ?? {});
      const concurrency = def.options.concurrency ?? 1;
      const nc = connectionOf(transport);
      // the scanner leaves the controller's prefix off (HandlerSource's `prefixed: false`): the
      // definition's subject is the key filter, `{name}` tokens as `*`
      const watcher = new KvWatcher({
        name: def.name, spec: { ...spec, key: def.subject }, open: () => bucket.open(), concurrency, log: logger.child(def.controller.name),
        ...(nc ? { status: () => nc.status() } : {}),
      });
      const runner = this.ctx.runner(def, { queue: false, policy: (parts) => new WatchPolicy(parts, watcher.done, changeOf) });
      this.runners.push(runner);
      this.watchers.push(watcher);
      await watcher.start(runner);
    }
  }

  async drain(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.stop()));
  }

  async idle(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.idle()));
  }

  abandon(reason: string): AbandonedWork[] {
    return this.runners.map((r) => r.abandon(reason));
  }
}

/** The factory the JetStream module registers under `MESSAGE_SOURCES`. */
export function kvWatchSourceFactory(stores: readonly DeclaredStore[], buckets: readonly KvBucketDeclaration[]): SourceFactory {
  const byName = new Map(buckets.map((b) => [b.name, b]));
  return { kind: KV_WATCH_SOURCE, create: (ctx) => new KvWatchSource(ctx, stores, byName) };
}

/** A declared bucket as a store to ensure. */
export function declaredBucket(d: KvBucketDeclaration): DeclaredStore {
  return { what: `KV bucket '${d.name}'`, ensure: (stores) => stores.ensureBucket(d) };
}

/** How a KV watch message names its change in the log. */
function changeOf(msg: InboundMessage): WatchedChange {
  const c = changeIn(msg.raw);
  return {
    what: `key '${msg.subject}' (revision ${c?.revision}) of KV bucket '${c?.bucket}'`,
    fields: { bucket: c?.bucket, key: msg.subject, revision: c?.revision },
  };
}
