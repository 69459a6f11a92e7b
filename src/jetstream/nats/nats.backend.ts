import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { errors, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { toWireHeaders } from '../../transport/header-rules.js';
import type {
  BackendPublishOptions, BackendServerInfo, ConsumerConfig, ConsumerInfo, FetchOptions, JetStreamBackend,
  OrderedOptions, OrderedSubscription, PubAck, PullBatch, StreamConfig, StreamInfo,
} from '../backend.js';
import { serverFeatures } from '../server-features.js';
import { fromNatsConsumer, fromNatsStream, toNatsConsumer, toNatsStream } from './nats-config.js';
import { toPaniniError, publishError } from './nats-errors.js';
import { NatsPull } from './nats-pull.js';
import { PullLane } from './nats-pull-lane.js';
import { startOrdered } from './nats-ordered.js';

/** The JetStream backend over a nats.js connection (a real server). */
export class NatsJetStreamBackend implements JetStreamBackend {
  private jsm: Promise<JetStreamManager> | undefined;
  /** One per consumer pulled on this connection. */
  private readonly lanes = new Map<string, PullLane>();

  constructor(private readonly nc: NatsConnection) {}

  server(): BackendServerInfo {
    return serverFeatures(this.nc.info?.version ?? '0.0.0');
  }

  async streamInfo(name: string): Promise<StreamInfo> {
    return this.api(async (m) => fromNatsStream(await m.streams.info(name)), name);
  }
  async addStream(config: StreamConfig): Promise<StreamInfo> {
    return this.api(async (m) => fromNatsStream(await m.streams.add({ ...toNatsStream(config), name: config.name })), config.name);
  }
  async updateStream(config: StreamConfig): Promise<StreamInfo> {
    const { name, ...rest } = toNatsStream(config);
    return this.api(async (m) => fromNatsStream(await m.streams.update(name!, rest)), config.name);
  }
  async deleteStream(name: string): Promise<boolean> {
    try {
      return await this.api((m) => m.streams.delete(name), name);
    } catch (err) {
      if ((err as { code?: number }).code === 404) return false;
      throw err;
    }
  }

  async consumerInfo(stream: string, durable: string): Promise<ConsumerInfo> {
    return this.api(async (m) => fromNatsConsumer(await m.consumers.info(stream, durable)), stream, durable);
  }
  async addConsumer(stream: string, config: ConsumerConfig): Promise<ConsumerInfo> {
    return this.api(async (m) => fromNatsConsumer(await m.consumers.add(stream, toNatsConsumer(config))), stream, config.durable);
  }
  async updateConsumer(stream: string, config: ConsumerConfig): Promise<ConsumerInfo> {
    return this.api(async (m) => fromNatsConsumer(await m.consumers.update(stream, config.durable, toNatsConsumer(config))), stream, config.durable);
  }
  async deleteConsumer(stream: string, durable: string): Promise<boolean> {
    try {
      return await this.api((m) => m.consumers.delete(stream, durable), stream, durable);
    } catch (err) {
      if ((err as { code?: number }).code === 404 && (err as Error).name === 'ConsumerNotFoundError') return false;
      throw err;
    }
  }

  fetch(stream: string, durable: string, options: FetchOptions): PullBatch {
    const key = `${stream}.${durable}`;
    let lane = this.lanes.get(key);
    if (lane === undefined) this.lanes.set(key, lane = new PullLane(this.nc, `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`));
    return new NatsPull(lane, stream, durable, options, this.server().termReason);
  }

  async settled(stream: string, durable: string, timeoutMs: number): Promise<boolean> {
    return (await this.lanes.get(`${stream}.${durable}`)?.idle(timeoutMs)) ?? true;
  }

  async ordered(stream: string, options: OrderedOptions): Promise<OrderedSubscription> {
    try {
      return await startOrdered(jetstream(this.nc), stream, options);
    } catch (err) {
      throw toPaniniError(err, stream);
    }
  }

  async publish(subject: string, data: Uint8Array, o: BackendPublishOptions): Promise<PubAck> {
    const h = natsHeaders();
    const wire = toWireHeaders(o.headers);
    if (wire) for (const k in wire) h.set(k, wire[k]!);
    if (o.msgId !== undefined) h.set('Nats-Msg-Id', o.msgId);
    const e = o.expect;
    if (e?.stream !== undefined) h.set('Nats-Expected-Stream', e.stream);
    if (e?.lastSequence !== undefined) h.set('Nats-Expected-Last-Sequence', String(e.lastSequence));
    if (e?.lastSubjectSequence !== undefined) h.set('Nats-Expected-Last-Subject-Sequence', String(e.lastSubjectSequence));
    if (e?.lastMsgId !== undefined) h.set('Nats-Expected-Last-Msg-Id', e.lastMsgId);
    let reply;
    try {
      reply = await this.nc.request(subject, data, { timeout: o.timeout, headers: h });
    } catch (err) {
      if (err instanceof errors.TimeoutError) throw publishError.timeout(subject, o.timeout, err);
      if (err instanceof errors.NoRespondersError || (err instanceof errors.RequestError && err.isNoResponders())) throw publishError.noStream(subject, err);
      throw err;
    }
    let body: { stream?: string; seq?: number; duplicate?: boolean; error?: { code: number; err_code: number; description: string } };
    try {
      body = JSON.parse(new TextDecoder().decode(reply.data)) as typeof body;
    } catch (err) {
      throw publishError.api(503, 0, `the PubAck for '${subject}' is not JSON`, err);
    }
    if (body.error) throw publishError.fromApi(subject, body.error, e);
    return { stream: body.stream ?? '', seq: body.seq ?? 0, duplicate: body.duplicate === true };
  }

  private async api<T>(fn: (m: JetStreamManager) => Promise<T>, stream: string, consumer?: string): Promise<T> {
    try {
      return await fn(await (this.jsm ??= jetstreamManager(this.nc, { checkAPI: false })));
    } catch (err) {
      throw toPaniniError(err, stream, consumer);
    }
  }
}
