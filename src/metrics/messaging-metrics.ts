import type { Registry } from 'prom-client';
import type { HandlerStats, NatsClient, OutboundMiddlewareFn, PipelineEvent, Transport } from '../index.js';
import type { HandlerDefinition } from '../internal.js';
import { createInstruments, MESSAGING_SYSTEM, type Instruments } from './messaging-instruments.js';
import type { HistogramSeries } from './series-histogram.js';

interface HandlerSeries { ok: HistogramSeries; failed: Map<number, HistogramSeries>; labels: Record<string, string> }

/**
 * Turns pipeline events, `NatsClient` traffic and transport events into the module's
 * instruments. Per message it does one WeakMap look-up and one histogram observation: the
 * labelled series of each handler are made once, on its first message (and first failure code).
 */
export class MessagingMetrics {
  readonly instruments: Instruments;
  private readonly series = new WeakMap<HandlerDefinition, HandlerSeries>();

  constructor(registry: Registry, buckets: number[], private readonly stats: readonly HandlerStats[], transport: Transport, client: NatsClient) {
    this.instruments = createInstruments(registry, buckets, stats, transport);
    transport.onEvent((e) => {
      if (e.type === 'reconnected') this.instruments.reconnects.inc();
      else if (e.type === 'slow-consumer') this.instruments.slowConsumer.inc();
    });
    client.use(this.outbound);
  }

  /** The pipeline listener: `handled` and `failed` carry the duration of the whole message. */
  readonly onPipelineEvent = (e: PipelineEvent): void => {
    if (e.type === 'handled') this.seriesOf(e.ctx.handler).ok.observe(e.durationMs / 1000);
    else if (e.type === 'failed') this.failedSeries(e.ctx.handler, e.code).observe(e.durationMs / 1000);
  };

  /** Counts publishes and times requests; the subject is the one passed to `NatsClient`. */
  private readonly outbound: OutboundMiddlewareFn = (msg, next) => {
    const { sent, clientDuration } = this.instruments;
    const labels = { messaging_system: MESSAGING_SYSTEM, messaging_destination_name: msg.subject, messaging_operation_name: msg.kind };
    if (msg.kind === 'publish') return next().then((r) => { sent.inc(labels); return r; });
    const start = performance.now();
    return next().then(
      (r) => { sent.inc(labels); clientDuration.observe({ ...labels, error_type: '' }, (performance.now() - start) / 1000); return r; },
      (err: unknown) => {
        sent.inc(labels);
        clientDuration.observe({ ...labels, error_type: errorType(err) }, (performance.now() - start) / 1000);
        throw err;
      },
    );
  };

  private seriesOf(def: HandlerDefinition): HandlerSeries {
    let s = this.series.get(def);
    if (s === undefined) {
      // the queue group is the runner's (its plan may differ from the decorator's option)
      const queue = this.stats.find((x) => x.handler === def.name)?.queue;
      const labels = {
        messaging_system: MESSAGING_SYSTEM,
        // the pattern, never the subject the message came on: one series per handler, not per id
        messaging_destination_name: def.pattern,
        messaging_consumer_group_name: typeof queue === 'string' ? queue : '',
        messaging_operation_name: 'process',
      };
      s = { ok: this.instruments.processDuration.create({ ...labels, error_type: '' }), failed: new Map(), labels };
      this.series.set(def, s);
    }
    return s;
  }

  private failedSeries(def: HandlerDefinition, code: number): HistogramSeries {
    const s = this.seriesOf(def);
    let o = s.failed.get(code);
    if (o === undefined) {
      o = this.instruments.processDuration.create({ ...s.labels, error_type: String(code) });
      s.failed.set(code, o);
    }
    return o;
  }
}

/** A failed request's `error_type`: its error code when it has one (RemoteError, 504 timeout, 503 no responders), else its class. */
function errorType(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return String(code);
  return err instanceof Error ? err.name || err.constructor.name : 'Error';
}
