import type { Logger } from '../index.js';
import type { AbandonedWork, HandlerDefinition, HandlerRunner, MessageSource, SourceContext, SourceEvent, SourceEventListener } from '../internal.js';
import type { ConsumerConfig, JetStreamBackend, JetStreamMessage } from './backend.js';
import { consumeOf, JETSTREAM_SOURCE } from './consume.decorator.js';
import type { DeadLetterTarget } from './dead-letter.js';
import { ensureConsumer, ensureStream, streamConfigOf } from './declarations.js';
import { JetStreamContext } from './jetstream.context.js';
import { JetStreamPolicy } from './jetstream.policy.js';
import { DEFAULTS, type ConsumerDeclaration, type JetStreamModuleOptions, type StreamDeclaration } from './jetstream-options.js';
import { OrderedWorker } from './ordered-worker.js';
import { PullWorker } from './pull-worker.js';
import { backendFor } from './resolve-backend.js';

type Worker = { stop(): void; dispose?(): void | Promise<void> };

/**
 * The source of `@Consume` handlers. At start it ensures the declared streams and consumers
 * (and the dead-letter streams), then runs one pull worker (or ordered worker) per handler,
 * each feeding its handler's runner. Shutdown: `drain` stops pulling, `idle` waits for the
 * handlers in flight (which ack as they finish); what was pulled and not started is nak'ed.
 */
export class JetStreamSource implements MessageSource {
  readonly kind = JETSTREAM_SOURCE;
  private readonly runners: HandlerRunner[] = [];
  private readonly workers: Worker[] = [];
  private readonly listeners = new Set<SourceEventListener>();
  private readonly log: Logger;

  constructor(private readonly ctx: SourceContext, private readonly options: JetStreamModuleOptions) {
    this.log = ctx.logger.child('JetStream');
  }

  onEvent(listener: SourceEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const backend = backendFor(this.ctx.transport);
    const streams = new Map(this.options.streams.map((s) => [s.name, s]));
    for (const s of this.options.streams) await ensureStream(backend, streamConfigOf(s), s.declare !== false, this.log);
    const deadLetters = await this.ensureDeadLetters(backend, streams);
    const declared = new Map((this.options.consumers ?? []).map((c) => [`${c.stream}/${c.durable}`, c]));
    for (const c of declared.values()) await ensureConsumer(backend, c.stream, this.consumerConfig(c), c.declare !== false, this.log);
    for (const def of this.ctx.handlers) await this.startHandler(backend, def, declared, deadLetters);
  }

  async drain(): Promise<void> {
    for (const w of this.workers) w.stop();
  }

  async idle(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.idle()));
    await Promise.all(this.workers.map((w) => w.dispose?.()));
  }

  abandon(reason: string): AbandonedWork[] {
    return this.runners.map((r) => r.abandon(reason));
  }

  private emit = (e: SourceEvent): void => {
    for (const l of this.listeners) l(e);
  };

  private async startHandler(backend: JetStreamBackend, def: HandlerDefinition, declared: Map<string, ConsumerDeclaration>, deadLetters: Map<string, DeadLetterTarget | undefined>): Promise<void> {
    const { stream, options: o } = consumeOf(def);
    const d = { ...DEFAULTS, ...this.options.defaults };
    const filterSubjects = def.subject === '>' ? [] : [def.subject];
    const deadLetter = deadLetters.has(stream) ? deadLetters.get(stream) : defaultDeadLetter(stream);
    const log = this.log;
    if (o.ordered) {
      let worker!: OrderedWorker;
      const runner = this.runner(def, backend, 1, { maxDeliver: 1, backoff: [], deadLetter, atMostOnce: true, done: (m) => worker.done(m) });
      worker = new OrderedWorker({
        backend, stream, handler: def.name, filterSubjects, deliverPolicy: o.deliverPolicy ?? 'all', optStartSeq: o.optStartSeq,
        heartbeat: d.heartbeat, log, deliver: runner.onMessage, emit: this.emit,
      });
      this.workers.push(worker);
      await worker.start();
      return;
    }
    const durable = o.durable!;
    const external = declared.get(`${stream}/${durable}`);
    const config = external ? this.consumerConfig(external) : this.consumerConfig({
      stream, durable, filterSubject: filterSubjects, deliverPolicy: o.deliverPolicy, optStartSeq: o.optStartSeq,
      ackWait: o.ackWait, maxDeliver: o.maxDeliver, maxAckPending: o.maxAckPending,
    });
    const declare = external ? external.declare !== false : o.declare !== false;
    // a consumer Panini declares lets the server redeliver without limit and Panini counts the
    // deliveries itself: the server drops a message whose last delivery was not settled (a
    // process that died mid-handler) without a trace; Panini dead-letters it on the next one
    const onServer = declare ? { ...config, maxDeliver: -1 } : config;
    const info = await ensureConsumer(backend, stream, onServer, declare, log);
    const maxDeliver = declare ? config.maxDeliver : info.config.maxDeliver;
    const concurrency = o.concurrency ?? d.concurrency;
    let worker!: PullWorker;
    let policy!: JetStreamPolicy;
    const runner = this.runner(def, backend, concurrency, {
      maxDeliver, backoff: o.backoff ?? d.backoff, deadLetter, atMostOnce: false, done: (m) => worker.done(m),
    }, durable, (p) => (policy = p));
    const deliver = maxDeliver > 0 ? (m: JetStreamMessage) => (m.info.deliveryCount > maxDeliver ? void policy.unsettled(m) : runner.onMessage(m)) : runner.onMessage;
    worker = new PullWorker({
      backend, stream, durable, handler: def.name, concurrency, ackWait: info.config.ackWait, expires: d.pullExpires, heartbeat: d.heartbeat,
      ackFirst: (o.ack ?? d.ack) === 'first', confirmTimeout: d.publishTimeout, log, deliver, emit: this.emit,
      recreate: declare ? () => backend.addConsumer(stream, onServer) : undefined,
    });
    this.workers.push(worker);
    worker.start();
  }

  private runner(def: HandlerDefinition, backend: JetStreamBackend, concurrency: number, how: {
    maxDeliver: number; backoff: readonly number[]; deadLetter: DeadLetterTarget | undefined; atMostOnce: boolean; done(m: JetStreamMessage): void;
  }, queue?: string, made?: (p: JetStreamPolicy) => void): HandlerRunner {
    const transport = this.ctx.transport;
    const publishTimeout = this.options.defaults?.publishTimeout ?? DEFAULTS.publishTimeout;
    const runner = this.ctx.runner(def, {
      queue: queue ?? false,
      concurrency,
      policy: (parts) => {
        const p = new JetStreamPolicy({ ...parts, ...how, backend, transport, publishTimeout });
        made?.(p);
        return p;
      },
      context: (msg, d, service) => new JetStreamContext(msg as JetStreamMessage, d, service),
    });
    this.runners.push(runner);
    return runner;
  }

  private consumerConfig(c: ConsumerDeclaration): ConsumerConfig {
    const d = { ...DEFAULTS, ...this.options.defaults };
    const f = c.filterSubject;
    return {
      durable: c.durable,
      ...(c.description !== undefined ? { description: c.description } : {}),
      filterSubjects: f === undefined ? [] : typeof f === 'string' ? [f] : f,
      deliverPolicy: c.deliverPolicy ?? 'all',
      ...(c.optStartSeq !== undefined ? { optStartSeq: c.optStartSeq } : {}),
      ...(c.optStartTime !== undefined ? { optStartTime: c.optStartTime } : {}),
      ackPolicy: 'explicit',
      ackWait: c.ackWait ?? d.ackWait,
      maxDeliver: c.maxDeliver ?? d.maxDeliver,
      maxAckPending: c.maxAckPending ?? DEFAULTS.maxAckPending,
      ...(c.inactiveThreshold !== undefined ? { inactiveThreshold: c.inactiveThreshold } : {}),
    };
  }

  /** The dead-letter target of every declared stream that has consumers here, its stream ensured. */
  private async ensureDeadLetters(backend: JetStreamBackend, streams: Map<string, StreamDeclaration>): Promise<Map<string, DeadLetterTarget | undefined>> {
    const used = new Set([...this.ctx.handlers.map((h) => consumeOf(h).stream), ...(this.options.consumers ?? []).map((c) => c.stream)]);
    const out = new Map<string, DeadLetterTarget | undefined>();
    for (const name of used) {
      const dl = streams.get(name)?.deadLetter;
      if (dl === false) { out.set(name, undefined); continue; }
      const target = { subject: dl?.subject ?? `dlq.${name}`, stream: dl?.stream === false ? undefined : dl?.stream ?? `${name}_DLQ` };
      out.set(name, target);
      if (target.stream !== undefined) {
        await ensureStream(backend, streamConfigOf({ name: target.stream, subjects: [`${target.subject}.>`], description: `dead letters of stream ${name}` }), true, this.log);
      }
    }
    return out;
  }
}

function defaultDeadLetter(stream: string): DeadLetterTarget {
  return { subject: `dlq.${stream}`, stream: `${stream}_DLQ` };
}
