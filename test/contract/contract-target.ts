import { after, afterEach, before, describe } from 'node:test';
import type { Transport } from '../../src/index.js';
import type { TestingApp, TestingModuleBuilder, TestingModuleMetadata } from '../../src/testing/index.js';

/** One broker the contract runs against: the memory broker or a private nats-server. */
export interface ContractTarget {
  /** A new connected transport, as a separate process's connection would be. */
  connect(): Promise<Transport>;
  /** A testing module running on this broker, each app on its own connection. */
  module(metadata: TestingModuleMetadata): TestingModuleBuilder;
}

export interface TargetSetup {
  start(): Promise<ContractTarget>;
  stop(): Promise<void>;
}

/** What each case gets: the target, plus connections and apps closed after the case. */
export class ContractScope {
  private readonly open: Array<{ close(): Promise<void> }> = [];
  constructor(private readonly get: () => ContractTarget) {}

  async connect(): Promise<Transport> {
    const t = await this.get().connect();
    this.open.push(t);
    return t;
  }

  async app(metadata: TestingModuleMetadata, configure: (b: TestingModuleBuilder) => TestingModuleBuilder = (b) => b): Promise<TestingApp> {
    const app = await configure(this.get().module(metadata)).compile();
    this.open.push(app);
    return app;
  }

  async closeAll(): Promise<void> {
    const list = this.open.splice(0);
    await Promise.all(list.map((c) => c.close()));
  }
}

export type ContractCases = (scope: ContractScope) => void;

/** Registers every case of every suite against one target, with set-up and clean-up. */
export function runContract(name: string, setup: TargetSetup, suites: ContractCases[]): void {
  describe(`transport contract on ${name}`, () => {
    let target: ContractTarget | undefined;
    const scope = new ContractScope(() => {
      if (!target) throw new Error('the contract target is not started');
      return target;
    });
    before(async () => { target = await setup.start(); });
    afterEach(() => scope.closeAll());
    after(() => setup.stop());
    for (const suite of suites) suite(scope);
  });
}

/** Flushes connections in order: after it, whatever the first sent has reached the others. */
export async function flushAll(...transports: Transport[]): Promise<void> {
  for (const t of transports) await t.flush();
}
