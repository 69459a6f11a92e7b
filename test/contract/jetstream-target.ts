import { after, afterEach, before, describe } from 'node:test';
import type { Transport } from '../../src/index.js';
import type { JetStreamBackend, StreamConfig, ConsumerConfig } from '../../src/jetstream/backend.js';

/** One JetStream the contract runs against: the memory broker's emulation or a private `nats-server -js`. */
export interface JetStreamTarget {
  /** A new connection with its JetStream backend, as a separate process would have. */
  connect(): Promise<{ transport: Transport; backend: JetStreamBackend }>;
}

export interface JetStreamTargetSetup {
  start(): Promise<JetStreamTarget>;
  stop(): Promise<void>;
}

let streams = 0;

/** What each case gets: connections and streams of its own, removed after the case. */
export class JetStreamScope {
  private readonly open: Transport[] = [];
  private readonly made: Array<{ backend: JetStreamBackend; name: string }> = [];
  constructor(private readonly get: () => JetStreamTarget) {}

  async connect(): Promise<{ transport: Transport; backend: JetStreamBackend }> {
    const c = await this.get().connect();
    this.open.push(c.transport);
    return c;
  }

  /** A stream with a name and subjects no other case uses (`<prefix>.>` by default). */
  async stream(backend: JetStreamBackend, config: Partial<StreamConfig> = {}): Promise<{ name: string; prefix: string }> {
    const n = ++streams;
    const name = `C${n}_${process.pid}`;
    const prefix = `c${n}p${process.pid}`;
    await backend.addStream(streamConfig({ name, subjects: [`${prefix}.>`], ...config }));
    this.made.push({ backend, name });
    return { name, prefix };
  }

  async closeAll(): Promise<void> {
    for (const { backend, name } of this.made.splice(0)) await backend.deleteStream(name).catch(() => false);
    await Promise.all(this.open.splice(0).map((t) => t.close()));
  }
}

/** A full stream configuration with the server's defaults. */
export function streamConfig(c: Partial<StreamConfig> & { name: string }): StreamConfig {
  return {
    subjects: [c.name], retention: 'limits', storage: 'memory', maxAge: 0, maxMsgs: -1, maxBytes: -1, maxMsgSize: -1,
    maxMsgsPerSubject: -1, discard: 'old', replicas: 1, duplicateWindow: 120_000, ...c,
  };
}

/** A full durable consumer configuration with the server's defaults. */
export function consumerConfig(c: Partial<ConsumerConfig> & { durable: string }): ConsumerConfig {
  return { filterSubjects: [], deliverPolicy: 'all', ackPolicy: 'explicit', ackWait: 30_000, maxDeliver: -1, maxAckPending: 1000, ...c };
}

export type JetStreamCases = (scope: JetStreamScope) => void;

/** Registers every JetStream case against one target, with set-up and clean-up. */
export function runJetStreamContract(name: string, setup: JetStreamTargetSetup, suites: JetStreamCases[]): void {
  describe(`JetStream contract on ${name}`, () => {
    let target: JetStreamTarget | undefined;
    const scope = new JetStreamScope(() => {
      if (!target) throw new Error('the JetStream contract target is not started');
      return target;
    });
    before(async () => { target = await setup.start(); });
    afterEach(() => scope.closeAll());
    after(() => setup.stop());
    for (const suite of suites) suite(scope);
  });
}
