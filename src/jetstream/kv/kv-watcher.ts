import type { Logger, InboundMessage } from '../../index.js';
import type { HandlerRunner } from '../../internal.js';
import { RevisionWatcher } from '../revision-watcher.js';
import type { KvStore, KvStoreEntry } from '../store-backend.js';
import { asRaw } from './kv-change.js';
import type { KvWatchSpec } from './kv-watch.decorator.js';

export interface KvWatcherParts {
  readonly name: string;
  readonly spec: KvWatchSpec;
  /** The bucket, opened again on every (re)start. */
  readonly open: () => Promise<KvStore>;
  readonly concurrency: number;
  readonly log: Logger;
  /** Delay before the n-th attempt to reopen a watch that ended, in ms. */
  readonly retryDelay?: (attempt: number) => number;
  /** The connection's status events (`nc.status()`), read for `disconnect` and `reconnect`. */
  readonly status?: () => AsyncIterable<{ type: string }>;
}

/**
 * Feeds one `@KvWatch` handler's runner with the changes of a bucket, in revision order: the
 * resume loop of `RevisionWatcher` (never a change twice, none missed across a reset, a reopen
 * or a lost connection; nats.js would notice a consumer lost with the connection only after two
 * idle heartbeats, 60 s), with what a KV change becomes for the pipeline.
 */
export class KvWatcher {
  private readonly watcher: RevisionWatcher<KvStoreEntry>;

  constructor(p: KvWatcherParts) {
    const { spec } = p;
    this.watcher = new RevisionWatcher<KvStoreEntry>({
      what: `the KV watch of ${p.name} on '${spec.bucket}'`,
      fields: { handler: p.name, bucket: spec.bucket },
      initial: spec.initial,
      open: async () => {
        const kv = await p.open();
        return { lastRevision: () => kv.lastRevision(), watch: (from) => kv.watch({ key: spec.key, from }) };
      },
      message: (e, initial) => message(spec, e, initial),
      concurrency: p.concurrency,
      log: p.log,
      ...(p.retryDelay ? { retryDelay: p.retryDelay } : {}),
      ...(p.status ? { status: p.status } : {}),
    });
  }

  /** For the policy: a change was settled. */
  readonly done = (): void => this.watcher.done();

  /** Opens the watch (start-up fails when the bucket cannot be watched) and starts feeding `runner`. */
  start(runner: HandlerRunner): Promise<void> {
    return this.watcher.start(runner);
  }

  /** Stops reading; resolves once the last change read was handed to the runner. */
  stop(): Promise<void> {
    return this.watcher.stop();
  }
}

/** The runner's message for a change, or undefined when the handler does not take it. */
function message(spec: KvWatchSpec, e: KvStoreEntry, initial: boolean): InboundMessage | undefined {
  // a change written with a header block nats.js refuses (any client can write to $KV.>) is
  // handed on with the error, so the pipeline refuses it as a 400 that names the key, counted
  const { operation, headersError } = e;
  // the current values are values: a key deleted before the watch began is not one
  if (!headersError && initial && operation !== 'put') return undefined;
  if (!headersError && !spec.operations.includes(operation)) return undefined;
  return {
    subject: e.key,
    data: e.value,
    raw: asRaw({ bucket: e.bucket, key: e.key, revision: e.revision, operation, created: e.created, initial }),
    ...(headersError ? { headersError } : {}),
  };
}
