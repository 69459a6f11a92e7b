import type {
  BackendPublishOptions, BackendServerInfo, ConsumerConfig, ConsumerInfo, FetchOptions, JetStreamBackend, JetStreamMessage,
  OrderedOptions, OrderedSubscription, PubAck, PullBatch, StreamConfig, StreamInfo,
} from '../../jetstream/backend.js';
import {
  ConsumerNotFoundError, JetStreamApiError, StreamMismatchError, StreamNotFoundError, WrongLastMsgIdError, WrongLastSequenceError,
} from '../../jetstream/jetstream.errors.js';
import { checkPayload } from '../../transport/payload-rules.js';
import { checkSubject } from '../../transport/subject-rules.js';
import { toWireHeaders } from '../../transport/header-rules.js';
import type { Transport } from '../../transport/transport.js';
import { TransportClosedError } from '../../transport/transport.errors.js';
import type { MemoryBroker } from '../memory-broker.js';
import { Channel } from './channel.js';
import { fromConsumerInfo, fromStreamInfo, toConsumerConfig, toStreamConfig } from './js-config-map.js';
import { JsApiError } from './js-api-error.js';
import { publishHeaders } from './publish-headers.js';
import { MemoryJetStream } from './memory-jetstream.js';
import { toJetStreamMessage } from './memory-message.js';
import { MemoryStores } from './memory-stores.js';
import type { StoreBackend } from '../../jetstream/store-backend.js';

/** The server the emulation behaves like: its bookkeeping follows nats-server 2.9. */
const EMULATED: BackendServerInfo = { version: '2.9.10', termReason: false, multipleFilters: false };
/** Messages an ordered consumer asks for at a time. */
const ORDERED_BATCH = 256;

/**
 * The JetStream backend of one `MemoryTransport`: the JetStream module's operations answered by
 * its broker's `MemoryJetStream`, with the errors the NATS backend throws for the same cases.
 */
export class MemoryJetStreamBackend implements JetStreamBackend {
  /** Pulls and ordered consumers running on this connection: they end when it closes. */
  private readonly active = new Set<() => void>();

  constructor(private readonly broker: MemoryBroker, private readonly transport: Transport) {
    transport.onEvent((e) => {
      if (e.type !== 'closed') return;
      for (const stop of [...this.active]) stop();
    });
  }

  private storesOf: MemoryStores | undefined;

  private get js(): MemoryJetStream { return this.broker.jetstream; }

  /** Key-value buckets and object stores, kept in the broker's JetStream streams as on a server. */
  stores(): StoreBackend {
    this.storesOf ??= new MemoryStores(() => this.js, this);
    return this.storesOf;
  }

  /** Acknowledgements travel while the connection is open or draining, as on NATS. */
  private readonly canSend = (): boolean => this.transport.state === 'connected' || this.transport.state === 'draining';

  server(): BackendServerInfo { return EMULATED; }

  async streamInfo(name: string): Promise<StreamInfo> {
    return this.call(name, undefined, () => fromStreamInfo(this.js.streamInfo(name)));
  }

  async addStream(config: StreamConfig): Promise<StreamInfo> {
    return this.call(config.name, undefined, () => fromStreamInfo(this.js.addStream(toStreamConfig(config))));
  }

  async updateStream(config: StreamConfig): Promise<StreamInfo> {
    return this.call(config.name, undefined, () => fromStreamInfo(this.js.updateStream(toStreamConfig(config))));
  }

  async deleteStream(name: string): Promise<boolean> {
    return this.exists(() => this.js.deleteStream(name));
  }

  async consumerInfo(stream: string, durable: string): Promise<ConsumerInfo> {
    return this.call(stream, durable, () => fromConsumerInfo(this.js.consumerInfo(stream, durable)));
  }

  async addConsumer(stream: string, config: ConsumerConfig): Promise<ConsumerInfo> {
    this.checkFilters(config);
    return this.call(stream, config.durable, () => fromConsumerInfo(this.js.addConsumer(stream, toConsumerConfig(config))));
  }

  async updateConsumer(stream: string, config: ConsumerConfig): Promise<ConsumerInfo> {
    this.checkFilters(config);
    return this.call(stream, config.durable, () => {
      this.js.consumerInfo(stream, config.durable);
      return fromConsumerInfo(this.js.addConsumer(stream, toConsumerConfig(config)));
    });
  }

  async deleteConsumer(stream: string, durable: string): Promise<boolean> {
    this.call(stream, undefined, () => this.js.streamInfo(stream));
    return this.exists(() => this.js.deleteConsumer(stream, durable));
  }

  fetch(stream: string, durable: string, options: FetchOptions): PullBatch {
    const channel = new Channel<JetStreamMessage>();
    let delivered = 0;
    let cancel: (() => void) | undefined;
    let started = false;
    const start = (): void => {
      if (started) return;
      started = true;
      try {
        cancel = this.js.pull(stream, durable, {
          batch: Math.max(1, options.max),
          expires: options.expires,
          deliver: (d) => {
            delivered++;
            const m = toJetStreamMessage(d, this.canSend);
            if (options.onMessage) options.onMessage(m);
            else channel.push(m);
          },
          end: (reason) => {
            this.active.delete(stop);
            if (reason === 'consumer-deleted') options.onEvent?.({ type: 'consumer-deleted' });
            channel.close();
          },
        });
        if (!channel.closed) this.active.add(stop);
      } catch (err) {
        channel.close(this.typed(err, stream, durable));
      }
    };
    // what arrived and was not handed out goes back at once, to any client of the consumer
    const stop = (): void => {
      this.active.delete(stop);
      cancel?.();
      for (const m of channel.takeRest()) m.nak();
    };
    return {
      get delivered() { return delivered; },
      stop,
      [Symbol.asyncIterator]: () => { start(); return channel[Symbol.asyncIterator](); },
    };
  }

  async ordered(stream: string, options: OrderedOptions): Promise<OrderedSubscription> {
    this.call(stream, undefined, () => this.js.streamInfo(stream));
    const channel = new Channel<JetStreamMessage>();
    const filter = options.filterSubjects ?? [];
    if (filter.length > 1) throw multipleFiltersError();
    let name: string | undefined;
    let nextSeq = 0;
    let cancel: (() => void) | undefined;
    const create = (from?: number): void => {
      const policy = from === undefined ? { deliver_policy: options.deliverPolicy ?? 'all', opt_start_seq: options.optStartSeq, opt_start_time: options.optStartTime === undefined ? undefined : new Date(options.optStartTime).toISOString() } : { deliver_policy: 'by_start_sequence' as const, opt_start_seq: from };
      name = this.js.addConsumer(stream, { ...policy, ack_policy: 'none', max_deliver: 1, mem_storage: true, num_replicas: 1, ...(filter[0] ? { filter_subject: filter[0] } : {}) }).name;
    };
    const pull = (): void => {
      if (channel.closed || name === undefined) return;
      cancel = this.js.pull(stream, name, {
        batch: ORDERED_BATCH,
        deliver: (d) => { nextSeq = d.streamSeq + 1; channel.push(toJetStreamMessage(d, this.canSend)); },
        end: (reason) => {
          if (channel.closed) return;
          if (reason === 'consumer-deleted') {
            // the consumer is gone (deleted, or its stream was): start again where it stopped, as nats.js does
            try {
              create(nextSeq || undefined);
              options.onEvent?.({ type: 'ordered-reset', nextSeq });
            } catch {
              return; // the stream is gone; the subscription idles until stopped
            }
          }
          pull();
        },
      });
    };
    this.call(stream, undefined, () => create());
    pull();
    const stop = (): void => {
      this.active.delete(stop);
      channel.close();
      cancel?.();
      if (name !== undefined) this.exists(() => this.js.deleteConsumer(stream, name!));
    };
    this.active.add(stop);
    return {
      stop,
      [Symbol.asyncIterator]: () => channel[Symbol.asyncIterator](),
    };
  }

  async publish(subject: string, data: Uint8Array, options: BackendPublishOptions): Promise<PubAck> {
    checkSubject(subject, false);
    const headers = toWireHeaders(publishHeaders(options));
    checkPayload(data, this.broker.maxPayload, headers);
    if (this.transport.state !== 'connected') throw new TransportClosedError(this.transport.state);
    const result = this.broker.publishToStreams({ subject, data: data.slice(), headers });
    if (!result) throw new StreamNotFoundError(undefined, subject);
    if (result.ok) return { stream: result.ack.stream, seq: result.ack.seq, duplicate: result.ack.duplicate === true };
    const e = result.error;
    const expect = options.expect;
    if (e.errCode === 10071) {
      const current = /(\d+)\s*$/.exec(e.description);
      return Promise.reject(new WrongLastSequenceError(subject, expect?.lastSequence ?? expect?.lastSubjectSequence ?? -1, current ? Number(current[1]) : undefined));
    }
    if (e.errCode === 10070) throw new WrongLastMsgIdError(subject, expect?.lastMsgId ?? '');
    if (e.errCode === 10060) throw new StreamMismatchError(subject, expect?.stream ?? '');
    throw new JetStreamApiError(e.code, e.errCode, e.description);
  }

  private checkFilters(config: ConsumerConfig): void {
    if (config.filterSubjects.length > 1) throw multipleFiltersError();
  }

  /** Runs an engine call, turning its API errors into the backend's typed errors. */
  private call<T>(stream: string, consumer: string | undefined, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.typed(err, stream, consumer);
    }
  }

  private typed(err: unknown, stream: string, consumer: string | undefined): unknown {
    if (!(err instanceof JsApiError)) return err;
    if (err.errCode === 10059) return new StreamNotFoundError(stream, undefined, { cause: err });
    if (err.errCode === 10014 && consumer !== undefined) return new ConsumerNotFoundError(stream, consumer, { cause: err });
    return new JetStreamApiError(err.code, err.errCode, err.description, { cause: err });
  }

  /** True when `fn` ran, false when what it deletes did not exist. */
  private exists(fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (err) {
      if (err instanceof JsApiError && (err.errCode === 10059 || err.errCode === 10014)) return false;
      throw err;
    }
  }
}

function multipleFiltersError(): JetStreamApiError {
  return new JetStreamApiError(400, 10012, 'several filter subjects need nats-server 2.10 or later; the memory broker emulates 2.9');
}
