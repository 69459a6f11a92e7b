import { connect, createInbox, headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { RequestMux } from './request-mux.js';
import { checkSubject } from './subject-rules.js';
import { checkPayload } from './payload-rules.js';
import { redactUrl, resolveServers, toNatsOptions, type ConnectionOptions } from './connection-options.js';
import type {
  HeaderRecord, InboundMessage, PublishOptions, RequestOptions, SubscribeOptions, Transport,
  TransportEvent, TransportState, TransportSubscription,
} from './transport.js';

/** Wraps a nats.js message; headers are converted only when somebody reads them. */
class NatsInbound implements InboundMessage {
  private hdrs: HeaderRecord | undefined | null = null;
  constructor(readonly raw: Msg) {}
  get subject(): string { return this.raw.subject; }
  get data(): Uint8Array { return this.raw.data; }
  get reply(): string | undefined { return this.raw.reply || undefined; }
  get headers(): HeaderRecord | undefined {
    if (this.hdrs === null) this.hdrs = this.raw.headers ? toRecord(this.raw.headers) : undefined;
    return this.hdrs;
  }
}

function toRecord(h: MsgHdrs): HeaderRecord {
  const out: HeaderRecord = {};
  for (const [k, v] of h) if (v.length) out[k] = v[v.length - 1]!;
  return out;
}

function toHeaders(h: HeaderRecord | undefined): MsgHdrs | undefined {
  if (h === undefined) return undefined;
  const out = natsHeaders();
  for (const k in h) out.set(k, String(h[k]));
  return out;
}

/** The NATS transport: the only place in Panini that talks to nats.js. */
export class NatsTransport implements Transport {
  readonly kind = 'nats';
  private nc: NatsConnection | undefined;
  private mux: RequestMux | undefined;
  private current: TransportState = 'idle';
  private readonly listeners = new Set<(e: TransportEvent) => void>();

  constructor(private readonly name: string, private readonly options: ConnectionOptions = {}) {}

  get state(): TransportState { return this.current; }
  get maxPayload(): number { return this.nc?.info?.max_payload ?? 1024 * 1024; }
  get servers(): readonly string[] { return resolveServers(this.options.servers).map(redactUrl); }

  /** The nats.js connection, for anything Panini does not wrap (JetStream, KV, ...). */
  get connection(): NatsConnection {
    if (!this.nc) throw new Error('the NATS connection is not open yet: call app.start() first');
    return this.nc;
  }

  async connect(): Promise<void> {
    this.current = 'connecting';
    try {
      this.nc = await connect(toNatsOptions(this.name, this.options));
    } catch (err) {
      this.current = 'closed';
      throw new Error(`cannot connect to NATS at ${this.servers.join(', ')}: ${(err as Error).message}`, { cause: err });
    }
    this.current = 'connected';
    this.emit({ type: 'connected', server: this.nc.getServer() });
    const mux = (this.mux = new RequestMux(createInbox()));
    this.nc.subscribe(`${mux.prefix}.*`, {
      callback: (_err, msg) => mux.deliver(new NatsInbound(msg), msg.headers?.code === 503 && msg.data.length === 0),
    });
    void this.watch(this.nc);
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      switch (s.type) {
        case 'disconnect': this.current = 'reconnecting'; this.emit({ type: 'disconnected', server: s.server }); break;
        case 'reconnecting': this.emit({ type: 'reconnecting' }); break;
        case 'reconnect': this.current = 'connected'; this.emit({ type: 'reconnected', server: s.server }); break;
        case 'error': this.emit({ type: 'error', error: s.error }); break;
        case 'slowConsumer': this.emit({ type: 'slow-consumer', error: new Error(`slow consumer on '${s.sub.getSubject()}': ${s.pending} pending`) }); break;
        default: break;
      }
    }
    void nc.closed().then(() => { this.current = 'closed'; this.emit({ type: 'closed' }); });
  }

  publish(subject: string, data: Uint8Array, options?: PublishOptions): void {
    checkSubject(subject, false);
    checkPayload(data, this.maxPayload, options?.headers);
    const nc = this.connection;
    if (options === undefined) nc.publish(subject, data);
    else nc.publish(subject, data, { headers: toHeaders(options.headers), reply: options.reply });
  }

  subscribe(subject: string, callback: (msg: InboundMessage) => void, options: SubscribeOptions = {}): TransportSubscription {
    checkSubject(subject, true);
    const sub: Subscription = this.connection.subscribe(subject, {
      queue: options.queue,
      callback: (err, msg) => {
        if (err) this.emit({ type: 'error', error: err });
        else callback(new NatsInbound(msg));
      },
    });
    return {
      subject,
      queue: options.queue,
      unsubscribe: () => sub.unsubscribe(),
      drain: () => sub.drain(),
    };
  }

  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<InboundMessage> {
    checkSubject(subject, false);
    checkPayload(data, this.maxPayload, options.headers);
    const nc = this.connection;
    const mux = this.mux!;
    return new Promise((resolve, reject) => {
      const reply = mux.add(subject, options.timeout, resolve, reject);
      try {
        nc.publish(subject, data, { reply, headers: toHeaders(options.headers) });
      } catch (err) {
        mux.fail(reply, err as Error);
      }
    });
  }

  async flush(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) await this.nc.flush();
  }

  async drain(): Promise<void> {
    if (!this.nc || this.nc.isClosed()) return;
    this.current = 'draining';
    if (!this.nc.isDraining()) await this.nc.drain();
    this.current = 'closed';
  }

  async close(): Promise<void> {
    if (!this.nc || this.nc.isClosed()) { this.current = 'closed'; return; }
    await this.nc.close();
    this.current = 'closed';
  }

  onEvent(listener: (event: TransportEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: TransportEvent): void {
    for (const l of this.listeners) l(e);
  }
}
