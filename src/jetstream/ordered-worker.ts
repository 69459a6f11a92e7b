import type { Logger } from '../index.js';
import type { SourceEvent } from '../internal.js';
import type { DeliverPolicy, JetStreamBackend, JetStreamMessage, OrderedSubscription } from './backend.js';

export interface OrderedWorkerParts {
  backend: JetStreamBackend;
  stream: string;
  handler: string;
  filterSubjects: readonly string[];
  deliverPolicy: DeliverPolicy;
  optStartSeq: number | undefined;
  heartbeat: number;
  log: Logger;
  deliver(m: JetStreamMessage): void;
  emit(e: SourceEvent): void;
}

/** Feeds an ordered consumer to its handler one message at a time, in stream order. */
export class OrderedWorker {
  private sub: OrderedSubscription | undefined;
  private running = false;
  private current: { m: JetStreamMessage; resolve: () => void } | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly p: OrderedWorkerParts) {}

  async start(): Promise<void> {
    this.running = true;
    this.sub = await this.p.backend.ordered(this.p.stream, {
      filterSubjects: this.p.filterSubjects,
      deliverPolicy: this.p.deliverPolicy,
      ...(this.p.optStartSeq !== undefined ? { optStartSeq: this.p.optStartSeq } : {}),
      heartbeat: this.p.heartbeat,
      onEvent: (e) => {
        if (e.type === 'heartbeats-missed' && e.count === 1) this.p.emit({ type: 'heartbeats-missed', kind: 'jetstream', handler: this.p.handler, count: e.count });
        else if (e.type === 'ordered-reset') this.p.log.info(`ordered consumer of stream '${this.p.stream}' recreated from sequence ${e.nextSeq}`, { handler: this.p.handler });
      },
    });
    this.loop = this.run(this.sub);
  }

  private async run(sub: OrderedSubscription): Promise<void> {
    try {
      for await (const m of sub) {
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          this.current = { m, resolve };
          this.p.deliver(m);
        });
      }
    } catch (err) {
      if (this.running) this.p.log.error(`ordered consumer of stream '${this.p.stream}' stopped: ${(err as Error).message}`, { handler: this.p.handler, error: err as Error });
    }
  }

  readonly done = (m: JetStreamMessage): void => {
    if (this.current?.m !== m) return;
    const r = this.current.resolve;
    this.current = undefined;
    r();
  };

  stop(): void {
    this.running = false;
    this.sub?.stop();
  }

  async stopped(): Promise<void> {
    await this.loop;
  }
}
