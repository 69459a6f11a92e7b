import { connect, createInbox, errors, headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { RequestMux } from './request-mux.js';
import { readHeaders, type ReadHeaders } from './inbound-headers.js';
import { BadReplyError, TransportClosedError } from './transport.errors.js';
import { checkLiveness, LivenessCheck } from './liveness-check.js';
import { explainConnectError } from './connect-errors.js';
import { checkSubject } from './subject-rules.js';
import { checkPayload } from './payload-rules.js';
import { toWireHeaders } from './header-rules.js';
import { redactUrl, resolveServers, toNatsOptions, type ConnectionOptions } from './connection-options.js';
import type {
  HeaderRecord, InboundMessage, PublishOptions, RequestOptions, SubscribeOptions, Transport,
  TransportEvent, TransportState, TransportSubscription,
} from './transport.js';

/**
 * Wraps a nats.js message. Headers are read once, when somebody first asks, and never throw:
 * a block nats.js cannot decode becomes `headersError` and no headers.
 */
class NatsInbound implements InboundMessage {
  private read: ReadHeaders | undefined;
  constructor(readonly raw: Msg) {}
  get subject(): string { return this.raw.subject; }
  get data(): Uint8Array { return this.raw.data; }
  get reply(): string | undefined { return this.raw.reply || undefined; }
  get headers(): HeaderRecord | undefined { return this.parsed().headers; }
  get headersError(): InboundMessage['headersError'] { return this.parsed().error; }
  parsed(): ReadHeaders { return (this.read ??= readHeaders(this.raw)); }
  detach(): void {
    // nats.js keeps header block and payload as one view (`_rdata`) into the socket's read chunk;
    // a copy of just that view lets the chunk go, and every getter of the message still works
    // (a plain Uint8Array copy: Buffer's own slice() would be another view)
    const m = this.raw as unknown as { _rdata?: unknown };
    if (m._rdata instanceof Uint8Array && m._rdata.byteLength !== m._rdata.buffer.byteLength) m._rdata = new Uint8Array(m._rdata);
  }
}

/** Outgoing headers through the one sanitiser both transports share, then into nats.js's form. */
function toHeaders(h: HeaderRecord | undefined): MsgHdrs | undefined {
  const wire = toWireHeaders(h);
  if (wire === undefined) return undefined;
  const out = natsHeaders();
  for (const k in wire) out.set(k, wire[k]!);
  return out;
}

/** The NATS transport: the only place in Panini that talks to nats.js. */
export class NatsTransport implements Transport {
  readonly kind = 'nats';
  private nc: NatsConnection | undefined;
  private mux: RequestMux | undefined;
  private current: TransportState = 'idle';
  private readonly listeners = new Set<(e: TransportEvent) => void>();
  private liveness: LivenessCheck | undefined;
  /** Events published while disconnected: nats.js buffers them until it reconnects. */
  private bufferedWhileDown = 0;
  /** Publish permission errors already reported, by subject (reply inboxes as one). */
  private readonly deniedPublishes = new Set<string>();

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
    checkLiveness(this.options.livenessCheck);
    this.current = 'connecting';
    try {
      this.nc = await connect(toNatsOptions(this.name, this.options));
    } catch (err) {
      this.current = 'closed';
      throw new Error(`cannot connect to NATS at ${this.servers.join(', ')}: ${await explainConnectError(err, this.options)}`, { cause: err });
    }
    this.current = 'connected';
    this.emit({ type: 'connected', server: this.nc.getServer() });
    const mux = (this.mux = new RequestMux(createInbox()));
    this.nc.subscribe(`${mux.prefix}.*`, {
      callback: (err, msg) => {
        if (err) this.reportError(err);
        else this.guard(() => this.onReply(mux, msg));
      },
    });
    void this.watch(this.nc);
    if (this.options.livenessCheck !== false) {
      this.liveness = new LivenessCheck(this.nc, this.options.livenessCheck ?? {}, () => this.current === 'connected', (error) => {
        // not ready until the reconnect is through; the status watcher sets 'connected' again
        this.current = 'reconnecting';
        this.emit({ type: 'stalled', error });
      });
    }
  }

  /** A reply on the inbox: handed to its request, or the request fails with 502 when it cannot be read. */
  private onReply(mux: RequestMux, msg: Msg): void {
    const inbound = new NatsInbound(msg);
    const h = inbound.parsed();
    if (h.error) mux.fail(msg.subject, (subject) => new BadReplyError(subject, h.error!.message, { cause: h.error }));
    else mux.deliver(inbound, h.status === 503 && msg.data.length === 0);
  }

  /**
   * Runs a subscription callback so that nothing can throw into nats.js: a throw there ends its
   * reader for good (the connection stays open, but nothing is read any more).
   */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.emit({ type: 'error', error: err as Error });
    }
  }

  /** Reports a subscription's error; a permission violation as `permission-denied`. */
  private reportError(err: Error): void {
    if (err instanceof errors.PermissionViolationError) {
      this.emit({ type: 'permission-denied', operation: err.operation as 'subscription' | 'publish', subject: err.subject, queue: err.queue, error: err });
    } else this.emit({ type: 'error', error: err });
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      switch (s.type) {
        case 'disconnect': this.current = 'reconnecting'; this.emit({ type: 'disconnected', server: s.server }); break;
        case 'reconnecting': this.emit({ type: 'reconnecting' }); break;
        case 'reconnect':
          this.current = 'connected';
          this.bufferedWhileDown = 0; // nats.js sent its buffer on reconnecting
          this.emit({ type: 'reconnected', server: s.server });
          break;
        case 'error': this.onStatusError(s.error); break;
        case 'slowConsumer': this.emit({ type: 'slow-consumer', error: new Error(`slow consumer on '${s.sub.getSubject()}': ${s.pending} pending`) }); break;
        default: break;
      }
    }
    void nc.closed().then(() => { this.ended(); this.emit({ type: 'closed' }); });
  }

  private onStatusError(err: Error): void {
    if (!(err instanceof errors.PermissionViolationError)) { this.emit({ type: 'error', error: err }); return; }
    // a denied subscription reaches its subscription's callback too: reported there
    if (err.operation === 'subscription') return;
    // every request's reply goes to another inbox: one line for all of them, not one per request
    const key = err.subject.startsWith('_INBOX.') ? '_INBOX.>' : err.subject;
    if (this.deniedPublishes.has(key)) return;
    this.deniedPublishes.add(key);
    this.emit({ type: 'permission-denied', operation: 'publish', subject: key, error: err });
  }

  /** The connection is gone: stop checking it and fail requests still waiting for a reply. */
  private ended(): void {
    this.current = 'closed';
    this.liveness?.stop();
    this.mux?.rejectAll(() => new TransportClosedError('closed', 'NATS'));
  }

  publish(subject: string, data: Uint8Array, options?: PublishOptions): void {
    checkSubject(subject, false);
    checkPayload(data, this.maxPayload, options?.headers);
    const nc = this.connection;
    if (options === undefined) nc.publish(subject, data);
    else nc.publish(subject, data, { headers: toHeaders(options.headers), reply: options.reply });
    if (this.current === 'reconnecting') this.bufferedWhileDown++;
  }

  subscribe(subject: string, callback: (msg: InboundMessage) => void, options: SubscribeOptions = {}): TransportSubscription {
    checkSubject(subject, true);
    const sub: Subscription = this.connection.subscribe(subject, {
      queue: options.queue,
      callback: (err, msg) => {
        if (err) return this.reportError(err);
        // guard() inlined: this runs for every message, and a closure per message is measurable
        try {
          callback(new NatsInbound(msg));
        } catch (thrown) {
          this.emit({ type: 'error', error: thrown as Error });
        }
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
    this.reportLostPublishes();
    this.current = 'draining';
    this.liveness?.stop();
    if (!this.nc.isDraining()) await this.nc.drain();
    this.ended();
  }

  async close(): Promise<void> {
    if (!this.nc || this.nc.isClosed()) { this.ended(); return; }
    this.reportLostPublishes();
    await this.nc.close();
    this.ended();
  }

  /** Events nats.js still buffers from a disconnection are lost when the connection closes now. */
  private reportLostPublishes(): void {
    if (this.current !== 'reconnecting' || this.bufferedWhileDown === 0) return;
    this.emit({ type: 'publishes-lost', count: this.bufferedWhileDown });
    this.bufferedWhileDown = 0;
  }

  onEvent(listener: (event: TransportEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: TransportEvent): void {
    for (const l of this.listeners) l(e);
  }
}
