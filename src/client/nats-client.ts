import type { NatsConnection } from '@nats-io/transport-node';
import type { Type } from '../metadata/types.js';
import { encodeAuto, resolveCodec, type CodecOption } from '../pipeline/codec.js';
import { RemoteError } from '../errors/remote.error.js';
import { compileValidator, toPlain } from '../pipeline/validation.js';
import type { ValidationOptions } from '../pipeline/validation-options.js';
import type { HeaderRecord, InboundMessage, Transport, TransportSubscription } from '../transport/transport.js';
import type { OutboundMessage, OutboundMiddlewareFn } from '../pipeline/extension.types.js';
import type { Logger } from '../logging/logger.js';

export interface ClientPublishOptions {
  headers?: HeaderRecord;
  /** The subject a responder should answer to (the reply goes there instead of back to you). */
  replyTo?: string;
  /** How `data` is encoded. Default: bytes and strings as they are, anything else as JSON. */
  codec?: CodecOption;
}

export interface ClientRequestOptions<T> {
  /** Milliseconds to wait for the reply (default: the app's `requestTimeout`, 5000). */
  timeout?: number;
  headers?: HeaderRecord;
  codec?: CodecOption;
  /** How the reply is decoded. Default: JSON when it parses, else the text. */
  replyCodec?: CodecOption;
  /** Validate and transform the reply into this DTO class. */
  responseType?: Type<T> | [Type<T>];
}

/** A message received by a runtime subscription made with `NatsClient.subscribe`. */
export interface ReceivedMessage<T = unknown> {
  subject: string;
  data: T;
  headers: HeaderRecord;
  reply?: string;
}

const decoder = new TextDecoder();
function decodeAuto(data: Uint8Array): unknown {
  if (data.length === 0) return undefined;
  const text = decoder.decode(data);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The NATS client services inject (by type). Sends DTO instances as plain JSON, turns error
 * replies into `RemoteError`, and fails fast with `NoRespondersError` when nobody listens.
 * @example
 * constructor(private readonly nats: NatsClient) {}
 * const stock = await this.nats.request<Stock>('inventory.get', { sku });
 */
export class NatsClient {
  private outbound: OutboundMiddlewareFn[] = [];
  private readonly validators = new WeakMap<object, (v: unknown) => Promise<unknown>>();
  private readonly arrayValidators = new WeakMap<object, (v: unknown) => Promise<unknown>>();

  constructor(
    private readonly transport: Transport,
    private readonly log: Logger,
    private readonly defaults: { requestTimeout: number; validation: ValidationOptions },
  ) {}

  /** Adds outbound middleware around every publish and request (first added is outermost). */
  use(fn: OutboundMiddlewareFn): void {
    this.outbound = [...this.outbound, fn];
  }

  /** Publishes an event. Throws at once on an invalid subject or an oversized payload. */
  publish(subject: string, data?: unknown, options: ClientPublishOptions = {}): void {
    if (this.outbound.length === 0) {
      this.transport.publish(subject, encodeAuto(toPlain(data), options.codec), toPublishOpts(options.headers, options.replyTo));
      return;
    }
    const msg: OutboundMessage = { kind: 'publish', subject, data, headers: { ...options.headers }, replyTo: options.replyTo };
    const send = async (): Promise<unknown> => {
      this.transport.publish(msg.subject, encodeAuto(toPlain(msg.data), options.codec), toPublishOpts(msg.headers, msg.replyTo));
      return undefined;
    };
    this.run(msg, send).catch((err: unknown) => this.log.error(`publish to '${subject}' failed`, err as Error));
  }

  /** Sends a request and resolves with the decoded reply. */
  async request<T = unknown>(subject: string, data?: unknown, options: ClientRequestOptions<T> = {}): Promise<T> {
    return this.requestRaw(subject, data, options) as Promise<T>;
  }

  private requestRaw<T>(subject: string, data: unknown, options: ClientRequestOptions<T>, onReply?: (m: InboundMessage) => void): Promise<unknown> {
    const msg: OutboundMessage = { kind: 'request', subject, data, headers: { ...options.headers }, timeout: options.timeout ?? this.defaults.requestTimeout };
    const send = async (): Promise<unknown> => {
      const reply = await this.transport.request(msg.subject, encodeAuto(toPlain(msg.data), options.codec), {
        timeout: msg.timeout!,
        headers: Object.keys(msg.headers).length ? msg.headers : undefined,
      });
      onReply?.(reply);
      return this.decodeReply(msg.subject, reply, options);
    };
    return this.outbound.length === 0 ? send() : this.run(msg, send);
  }

  /** Like `request`, but resolves with the whole reply: data, headers and subject. */
  async requestMessage<T = unknown>(subject: string, data?: unknown, options: ClientRequestOptions<T> = {}): Promise<ReceivedMessage<T>> {
    let headers: HeaderRecord = {};
    let replySubject = subject;
    const data_ = await this.requestRaw(subject, data, options, (m) => { headers = m.headers ?? {}; replySubject = m.subject; });
    return { subject: replySubject, data: data_ as T, headers };
  }

  /**
   * Subscribes at run time (outside controllers). Errors thrown by `handler` are logged.
   * @returns the subscription, to unsubscribe or drain.
   */
  subscribe<T = unknown>(
    subject: string,
    handler: (msg: ReceivedMessage<T>) => unknown,
    options: { queue?: string; codec?: CodecOption } = {},
  ): TransportSubscription {
    const decode = options.codec ? resolveCodec(options.codec).decode : decodeAuto;
    return this.transport.subscribe(subject, (m: InboundMessage) => {
      if (m.headersError) {
        this.log.warn(`subscriber of '${subject}' dropped a message on '${m.subject}': ${m.headersError.message}`);
        return;
      }
      Promise.resolve()
        .then(() => handler({ subject: m.subject, data: decode(m.data) as T, headers: m.headers ?? {}, reply: m.reply }))
        .catch((err: unknown) => this.log.error(`subscriber of '${subject}' failed on '${m.subject}'`, err as Error));
    }, { queue: options.queue });
  }

  /** Resolves once the server has seen everything published so far. */
  flush(): Promise<void> {
    return this.transport.flush();
  }

  /** The raw nats.js connection, for JetStream, KV and anything else Panini does not wrap. */
  get connection(): NatsConnection {
    const t = this.transport as Transport & { connection?: NatsConnection };
    if (!t.connection) throw new Error(`the ${this.transport.kind} transport has no nats.js connection`);
    return t.connection;
  }

  private run(msg: OutboundMessage, send: () => Promise<unknown>): Promise<unknown> {
    const chain = this.outbound;
    const dispatch = async (i: number): Promise<unknown> => (i === chain.length ? send() : chain[i]!(msg, () => dispatch(i + 1)));
    return dispatch(0);
  }

  private async decodeReply<T>(subject: string, reply: InboundMessage, options: ClientRequestOptions<T>): Promise<unknown> {
    // any NATS client may answer: fromMessage reads its error reply whatever the header case
    const remote = RemoteError.fromMessage(reply, subject);
    if (remote !== undefined) throw remote;
    const value = options.replyCodec ? resolveCodec(options.replyCodec).decode(reply.data) : decodeAuto(reply.data);
    if (!options.responseType) return value;
    const isArray = Array.isArray(options.responseType);
    const key = (isArray ? (options.responseType as [Type])[0] : options.responseType) as object;
    const cache = isArray ? this.arrayValidators : this.validators;
    let check = cache.get(key);
    if (!check) {
      check = compileValidator(options.responseType as Type, this.defaults.validation, 'reply');
      cache.set(key, check);
    }
    return check(value);
  }
}

function toPublishOpts(headers: HeaderRecord | undefined, reply: string | undefined) {
  if (headers === undefined && reply === undefined) return undefined;
  return { headers: headers && Object.keys(headers).length ? headers : undefined, reply };
}
