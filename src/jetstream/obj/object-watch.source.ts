import type { InboundMessage } from '../../index.js';
import type { AbandonedWork, HandlerDefinition, HandlerRunner, MessageSource, SourceContext, SourceFactory } from '../../internal.js';
import { connectionOf, storesFor } from '../resolve-stores.js';
import { RevisionWatcher, type WatchableStore } from '../revision-watcher.js';
import type { ObjStoreChange, StoreBackend } from '../store-backend.js';
import { WatchPolicy, type WatchedChange } from '../watch.policy.js';
import { asRaw, changeIn } from './object-change.js';
import { metaSubject } from './object-entry.js';
import { encodeChange, OBJECT_WATCH_SOURCE, objectMetaSubjects, objectWatchSpecOf, type ObjectWatchSpec } from './object-watch.decorator.js';

/**
 * The source of `@ObjectWatch` handlers: one watch per handler, opened at start (after the
 * source of `@KvWatch` handlers ensured the declared stores), each feeding its handler's runner.
 */
export class ObjectWatchSource implements MessageSource {
  readonly kind = OBJECT_WATCH_SOURCE;
  private readonly watchers: Array<RevisionWatcher<ObjStoreChange>> = [];
  private readonly runners: HandlerRunner[] = [];

  constructor(private readonly ctx: SourceContext) {}

  async start(): Promise<void> {
    const { handlers, transport, logger } = this.ctx;
    if (handlers.length === 0) return;
    const stores = storesFor(transport);
    if (!stores) throw new Error(`${handlers[0]!.name} is an @ObjectWatch handler, which needs JetStream object stores; the ${transport.kind} transport has none (use a NatsTransport, or the testing kit's MemoryTransport)`);
    const nc = connectionOf(transport);
    for (const def of handlers) {
      const spec = objectWatchSpecOf(def.options);
      const watcher = new RevisionWatcher<ObjStoreChange>({
        what: `the object watch of ${def.name} on '${spec.store}'`,
        fields: { handler: def.name, store: spec.store },
        initial: spec.initial,
        open: () => openStore(stores, spec.store, def),
        message: (change, initial) => messageOf(spec, change, initial),
        concurrency: def.options.concurrency ?? 1,
        log: logger.child(def.controller.name),
        ...(nc ? { status: () => nc.status() } : {}),
      });
      // the store's metadata subjects, not the controller's prefix, are what the watch reads
      const subject = objectMetaSubjects(spec.store);
      const watched = { ...def, pattern: subject, subject, tokens: [] };
      const runner = this.ctx.runner(watched, { queue: false, policy: (parts) => new WatchPolicy(parts, watcher.done, changeOf) });
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
export const objectWatchSourceFactory: SourceFactory = { kind: OBJECT_WATCH_SOURCE, create: (ctx) => new ObjectWatchSource(ctx) };

async function openStore(stores: StoreBackend, store: string, def: HandlerDefinition): Promise<WatchableStore<ObjStoreChange>> {
  let s;
  try {
    s = await stores.openObjectStore(store);
  } catch (err) {
    throw new Error(`${def.name} watches object store '${store}', which cannot be opened (is it declared in JetStreamModule.forRoot({ objectStores })?): ${(err as Error).message}`, { cause: err });
  }
  return { lastRevision: () => s.lastRevision(), watch: (from) => s.watch({ from }) };
}

/** The runner's message for a change, or undefined when the handler does not want it. */
function messageOf(spec: ObjectWatchSpec, c: ObjStoreChange, initial: boolean): InboundMessage | undefined {
  // an entry that cannot be read (any client can write to $O.<store>.M.>) goes to the pipeline,
  // which refuses it as a 400 naming the object: logged and counted, not dropped unseen
  if (c.meta !== undefined) {
    // the current objects are objects: one deleted before the watch began is not one
    if (initial && c.operation !== 'put') return undefined;
    if (!spec.operations.includes(c.operation)) return undefined;
  }
  return {
    subject: metaSubject(c.bucket, c.name),
    data: encodeChange(c.meta !== undefined ? { meta: c.meta } : { unreadable: c.error ?? 'unknown' }),
    raw: asRaw({ store: c.bucket, name: c.name, revision: c.revision, operation: c.operation, initial }),
  };
}

function changeOf(msg: InboundMessage): WatchedChange {
  const c = changeIn(msg.raw);
  return {
    what: `object '${c?.name}' (revision ${c?.revision}) of object store '${c?.store}'`,
    fields: { store: c?.store, name: c?.name, revision: c?.revision },
  };
}
