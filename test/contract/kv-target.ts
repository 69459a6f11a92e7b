import { after, afterEach, before, describe } from 'node:test';
import type { Transport } from '../../src/index.js';
import type { JetStreamBackend } from '../../src/jetstream/backend.js';
import type { KvBucketDeclaration } from '../../src/jetstream/kv/kv-bucket.declaration.js';
import type { ObjectStoreDeclaration } from '../../src/jetstream/obj/object-store.declaration.js';
import type { StoreBackend } from '../../src/jetstream/store-backend.js';

/** One broker the store contract runs against: the memory broker's emulation or a private `nats-server -js`. */
export interface StoreTarget {
  /** A new connection with its stores, and its JetStream backend for clean-up. */
  connect(): Promise<{ transport: Transport; backend: JetStreamBackend; stores: StoreBackend }>;
  /**
   * Lets `ms` of broker time pass. The memory broker's clock moves at once; on a server real
   * time passes on its own, so this does nothing and the case waits for the effect with a deadline.
   */
  elapse(ms: number): Promise<void>;
}

export interface StoreTargetSetup {
  start(): Promise<StoreTarget>;
  stop(): Promise<void>;
}

let made = 0;

/** What each case gets: a connection and stores of its own, removed after the case. */
export class StoreScope {
  private readonly open: Transport[] = [];
  private readonly streams: Array<{ backend: JetStreamBackend; name: string }> = [];
  constructor(private readonly get: () => StoreTarget) {}

  async connect(): Promise<{ stores: StoreBackend; backend: JetStreamBackend }> {
    const c = await this.get().connect();
    this.open.push(c.transport);
    return c;
  }

  elapse(ms: number): Promise<void> {
    return this.get().elapse(ms);
  }

  /** A bucket no other case uses, created from `d` (its name is given). */
  async bucket(stores: StoreBackend, backend: JetStreamBackend, d: Omit<KvBucketDeclaration, 'name'> = {}): Promise<string> {
    const name = `kv${++made}_${process.pid}`;
    await stores.ensureBucket({ storage: 'memory', ...d, name });
    this.streams.push({ backend, name: `KV_${name}` });
    return name;
  }

  /** An object store no other case uses. */
  async objectStore(stores: StoreBackend, backend: JetStreamBackend, d: Omit<ObjectStoreDeclaration, 'name'> = {}): Promise<string> {
    const name = `obj${++made}_${process.pid}`;
    await stores.ensureObjectStore({ storage: 'memory', ...d, name });
    this.streams.push({ backend, name: `OBJ_${name}` });
    return name;
  }

  async closeAll(): Promise<void> {
    for (const { backend, name } of this.streams.splice(0)) await backend.deleteStream(name).catch(() => false);
    await Promise.all(this.open.splice(0).map((t) => t.close()));
  }
}

export type StoreCases = (scope: StoreScope) => void;

/** Registers every store case against one target, with set-up and clean-up. */
export function runStoreContract(name: string, setup: StoreTargetSetup, suites: StoreCases[]): void {
  describe(`KV and object store contract on ${name}`, () => {
    let target: StoreTarget | undefined;
    const scope = new StoreScope(() => {
      if (!target) throw new Error('the store contract target is not started');
      return target;
    });
    before(async () => { target = await setup.start(); });
    afterEach(() => scope.closeAll());
    after(() => setup.stop());
    for (const suite of suites) suite(scope);
  });
}
