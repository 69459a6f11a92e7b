import type { NatsConnection } from '@nats-io/transport-node';
import type {
  InboundMessage, PublishOptions, RequestOptions, SubscribeOptions, Transport, TransportEvent,
  TransportState, TransportSubscription,
} from '../transport/transport.js';
import { TrafficRecorder } from './traffic-recorder.js';
import { JETSTREAM_BACKEND, providesBackend, type JetStreamBackend } from '../jetstream/backend.js';
import { publishHeaders } from './jetstream/publish-headers.js';

const MAX_OPEN_REPLIES = 10_000;

/**
 * Wraps any transport and records everything sent through it, so the same assertions work in
 * memory and against a real server. Replies are told apart from events by remembering the
 * reply subjects of the messages the app received.
 * @example
 * const transport = new RecordingTransport(new MemoryTransport());
 * const app = await PaniniFactory.create(AppModule, { transport });
 * transport.traffic.messages('orders.created');
 */
export class RecordingTransport implements Transport {
  private readonly replySubjects = new Set<string>();

  constructor(readonly inner: Transport, readonly traffic: TrafficRecorder = new TrafficRecorder()) {
    // forwards the JetStream backend of a transport that has one (memory), recording its publishes;
    // without one (NATS) the module builds its own from `connection`, so none may be claimed here
    if (providesBackend(inner)) {
      let backend: JetStreamBackend | undefined;
      Object.defineProperty(this, JETSTREAM_BACKEND, {
        value: (): JetStreamBackend => (backend ??= recordPublishes(inner[JETSTREAM_BACKEND](), traffic)),
      });
    }
  }

  get kind(): string { return this.inner.kind; }
  get state(): TransportState { return this.inner.state; }
  get maxPayload(): number { return this.inner.maxPayload; }
  get servers(): readonly string[] { return this.inner.servers; }
  /** The nats.js connection of a wrapped `NatsTransport` (what `NatsClient.connection` reads). */
  get connection(): NatsConnection | undefined {
    return (this.inner as Transport & { connection?: NatsConnection }).connection;
  }

  connect(): Promise<void> { return this.inner.connect(); }

  publish(subject: string, data: Uint8Array, options?: PublishOptions): void {
    this.inner.publish(subject, data, options);
    const isReply = this.replySubjects.delete(subject);
    this.traffic.record(isReply ? 'reply' : 'publish', subject, data, options?.headers, options?.reply);
  }

  subscribe(subject: string, callback: (msg: InboundMessage) => void, options?: SubscribeOptions): TransportSubscription {
    return this.inner.subscribe(subject, (msg) => {
      if (msg.reply !== undefined) {
        this.replySubjects.add(msg.reply);
        // a subscriber that never answers must not grow this for ever
        if (this.replySubjects.size > MAX_OPEN_REPLIES) this.replySubjects.delete(this.replySubjects.values().next().value!);
      }
      callback(msg);
    }, options);
  }

  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<InboundMessage> {
    const reply = this.inner.request(subject, data, options);
    this.traffic.record('request', subject, data, options.headers);
    return reply;
  }

  flush(): Promise<void> { return this.inner.flush(); }
  drain(): Promise<void> { return this.inner.drain(); }
  close(): Promise<void> { return this.inner.close(); }
  onEvent(listener: (event: TransportEvent) => void): () => void { return this.inner.onEvent(listener); }
}

function recordPublishes(backend: JetStreamBackend, traffic: TrafficRecorder): JetStreamBackend {
  return Object.assign(Object.create(backend) as JetStreamBackend, {
    publish: async (...args: Parameters<JetStreamBackend['publish']>) => {
      const [subject, data, options] = args;
      const ack = await backend.publish(...args);
      traffic.record('publish', subject, data, publishHeaders(options));
      return ack;
    },
  });
}
