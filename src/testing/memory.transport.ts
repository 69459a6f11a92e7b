import { randomUUID } from 'node:crypto';
import { RequestMux } from '../transport/request-mux.js';
import { checkSubject } from '../transport/subject-rules.js';
import { checkPayload } from '../transport/payload-rules.js';
import type {
  InboundMessage, PublishOptions, RequestOptions, SubscribeOptions, Transport,
  TransportEvent, TransportState, TransportSubscription,
} from '../transport/transport.js';
import { MemoryBroker, type BrokerHandle } from './memory-broker.js';
import { toWireHeaders } from '../transport/header-rules.js';
import { TransportClosedError } from '../transport/transport.errors.js';
import { JETSTREAM_BACKEND, type JetStreamBackend } from '../jetstream/backend.js';
import { MemoryJetStreamBackend } from './jetstream/memory-jetstream.backend.js';

export interface MemoryTransportOptions {
  /** The broker to connect to; share one between transports to let several apps talk. Default: a private one. */
  broker?: MemoryBroker;
  /** Largest payload, in bytes, of the private broker (default 1 MiB). Set it on the broker when you pass one. */
  maxPayload?: number;
}

// shared with the NATS transport; still exported here, where it was first
export { TransportClosedError };

/**
 * The in-memory transport: the same interface and the same rules as `NatsTransport`
 * (subject validity, max payload, no-responders, request timeouts), with no server.
 * The app's pipeline runs unchanged on top of it.
 * @example
 * const app = await PaniniFactory.create(AppModule, { transport: new MemoryTransport() });
 */
export class MemoryTransport implements Transport {
  readonly kind = 'memory';
  readonly broker: MemoryBroker;
  private current: TransportState = 'idle';
  private mux: RequestMux | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private readonly handles = new Set<BrokerHandle>();
  private readonly listeners = new Set<(e: TransportEvent) => void>();
  private jsBackend: JetStreamBackend | undefined;

  constructor(options: MemoryTransportOptions = {}) {
    if (options.broker && options.maxPayload !== undefined && options.maxPayload !== options.broker.maxPayload) {
      throw new TypeError('maxPayload belongs to the broker when you pass one: new MemoryBroker({ maxPayload })');
    }
    this.broker = options.broker ?? new MemoryBroker({ maxPayload: options.maxPayload });
  }

  get state(): TransportState { return this.current; }
  get maxPayload(): number { return this.broker.maxPayload; }
  get servers(): readonly string[] { return [`memory://${this.broker.name}`]; }

  async connect(): Promise<void> {
    if (this.current === 'connected') return;
    const mux = (this.mux = new RequestMux(`_INBOX.${randomUUID().replace(/-/g, '')}`));
    this.current = 'connected';
    this.handles.add(this.broker.subscribe({
      subject: `${mux.prefix}.*`,
      status: true,
      deliver: (msg, noResponders) => mux.deliver(msg, noResponders),
      onError: (err) => this.emit({ type: 'error', error: err as Error }),
    }));
    this.emit({ type: 'connected', server: this.servers[0] });
  }

  publish(subject: string, data: Uint8Array, options?: PublishOptions): void {
    checkSubject(subject, false);
    checkPayload(data, this.maxPayload, options?.headers);
    // replies of in-flight handlers may still leave while the connection drains, as on NATS
    if (this.current !== 'draining') this.assertOpen();
    this.broker.publish({ subject, data: data.slice(), reply: options?.reply, headers: toWireHeaders(options?.headers) });
  }

  subscribe(subject: string, callback: (msg: InboundMessage) => void, options: SubscribeOptions = {}): TransportSubscription {
    checkSubject(subject, true);
    this.assertOpen();
    const handle = this.broker.subscribe({
      subject,
      queue: options.queue,
      deliver: (msg) => callback(msg),
      onError: (err) => this.emit({ type: 'error', error: err as Error }),
    });
    this.handles.add(handle);
    return {
      subject,
      queue: options.queue,
      unsubscribe: () => { this.handles.delete(handle); handle.unsubscribe(); },
      drain: () => { this.handles.delete(handle); return handle.drain(); },
    };
  }

  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<InboundMessage> {
    checkSubject(subject, false);
    checkPayload(data, this.maxPayload, options.headers);
    this.assertOpen();
    const mux = this.mux!;
    this.holdOpen();
    return new Promise((resolve, reject) => {
      const settle = <T>(fn: (v: T) => void) => (v: T): void => { this.letGo(); fn(v); };
      const reply = mux.add(subject, options.timeout, settle(resolve), settle(reject));
      try {
        this.broker.publish({ subject, data: data.slice(), reply, headers: toWireHeaders(options.headers) });
      } catch (err) {
        mux.fail(reply, err as Error);
      }
    });
  }

  /** Resolves once everything published so far (by anyone on the broker) was delivered. */
  flush(): Promise<void> {
    return this.broker.settled();
  }

  async drain(): Promise<void> {
    if (this.current !== 'connected') return;
    this.current = 'draining';
    const handles = [...this.handles];
    this.handles.clear();
    await Promise.all(handles.map((h) => h.drain()));
    await this.broker.settled();
    this.finish();
  }

  async close(): Promise<void> {
    if (this.current === 'closed') return;
    for (const h of this.handles) h.unsubscribe();
    this.handles.clear();
    this.finish();
  }

  /** The JetStream module's backend on this connection: the broker's JetStream emulation. */
  [JETSTREAM_BACKEND](): JetStreamBackend {
    this.jsBackend ??= new MemoryJetStreamBackend(this.broker, this);
    return this.jsBackend;
  }

  onEvent(listener: (event: TransportEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private finish(): void {
    const wasOpen = this.current !== 'idle';
    this.current = 'closed';
    // a request cannot be answered any more: fail it now rather than at its timeout
    this.mux?.rejectAll(() => new TransportClosedError('closed'));
    if (wasOpen) this.emit({ type: 'closed' });
  }

  /**
   * The mux's timer does not keep the process alive (a socket does that on NATS); with no
   * socket, a pending request would let the process exit before its timeout. Hold it open.
   */
  private holdOpen(): void {
    this.keepAlive ??= setInterval(() => undefined, 60_000);
  }

  private letGo(): void {
    if (this.keepAlive !== undefined && (this.mux?.size ?? 0) === 0) {
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    }
  }

  private assertOpen(): void {
    if (this.current !== 'connected') throw new TransportClosedError(this.current);
  }

  private emit(e: TransportEvent): void {
    for (const l of this.listeners) l(e);
  }
}
