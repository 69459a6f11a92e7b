import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { HandlerStats, Transport } from '../index.js';
import { SeriesHistogram } from './series-histogram.js';

/** `messaging.system` of every message Panini moves. */
export const MESSAGING_SYSTEM = 'nats';

const CLIENT_LABELS = ['messaging_system', 'messaging_destination_name', 'messaging_operation_name', 'error_type'] as const;
const SENT_LABELS = ['messaging_system', 'messaging_destination_name', 'messaging_operation_name'] as const;
const HANDLER_LABELS = ['messaging_system', 'messaging_destination_name', 'messaging_consumer_group_name'] as const;

/**
 * Every instrument the module registers. Names and labels follow the OpenTelemetry messaging
 * semantic conventions in Prometheus form (dots become underscores, durations in seconds).
 * What Panini already counts per handler (`HandlerStats`) and the connection state are read
 * when Prometheus scrapes, in `collect()`: they cost nothing per message.
 */
export function createInstruments(registry: Registry, buckets: number[], stats: readonly HandlerStats[], transport: Transport) {
  const registers = [registry];
  /** Sums the stats of handlers that share labels (the same pattern and group in two sources). */
  const perHandler = (metric: Gauge<(typeof HANDLER_LABELS)[number]> | Counter<(typeof HANDLER_LABELS)[number]>, read: (s: HandlerStats) => number): void => {
    metric.reset();
    for (const s of stats) {
      const labels = { messaging_system: MESSAGING_SYSTEM, messaging_destination_name: s.pattern, messaging_consumer_group_name: s.queue === false ? '' : s.queue };
      metric.inc(labels, read(s));
    }
  };
  return {
    // labels (PROCESS_LABELS) are set per series by the caller, once per handler and error code
    processDuration: new SeriesHistogram(
      'messaging_process_duration_seconds',
      'Duration of processing one message by a handler, from receipt to the settled outcome.',
      buckets, registry,
    ),
    clientDuration: new Histogram({
      name: 'messaging_client_operation_duration_seconds',
      help: 'Duration of requests made with NatsClient, until the reply arrived or the request failed.',
      labelNames: CLIENT_LABELS, buckets, registers,
    }),
    sent: new Counter({
      name: 'messaging_client_sent_messages_total',
      help: 'Messages sent with NatsClient (publishes and requests), by the subject passed.',
      labelNames: SENT_LABELS, registers,
    }),
    consumed: new Counter({
      name: 'messaging_client_consumed_messages_total',
      help: 'Messages delivered to handlers: started, waiting, shed or refused.',
      labelNames: HANDLER_LABELS, registers,
      collect() { perHandler(this, (s) => s.received + s.waiting + s.shed + s.refused); },
    }),
    inFlight: new Gauge({
      name: 'panini_messages_in_flight',
      help: 'Messages a handler is running now.',
      labelNames: HANDLER_LABELS, registers,
      collect() { perHandler(this, (s) => s.inFlight); },
    }),
    waiting: new Gauge({
      name: 'panini_messages_waiting',
      help: 'Messages queued in a handler backlog for a free slot.',
      labelNames: HANDLER_LABELS, registers,
      collect() { perHandler(this, (s) => s.waiting); },
    }),
    shed: new Counter({
      name: 'panini_messages_shed_total',
      help: 'Events dropped without running (backlog full, or still queued at the shutdown deadline).',
      labelNames: HANDLER_LABELS, registers,
      collect() { perHandler(this, (s) => s.shed); },
    }),
    refused: new Counter({
      name: 'panini_requests_refused_total',
      help: 'Requests answered 503 without running (backlog full, or still queued at the shutdown deadline).',
      labelNames: HANDLER_LABELS, registers,
      collect() { perHandler(this, (s) => s.refused); },
    }),
    connectionUp: new Gauge({
      name: 'panini_nats_connection_up',
      help: '1 while connected to NATS, else 0.',
      registers,
      collect() { this.set(transport.state === 'connected' ? 1 : 0); },
    }),
    reconnects: new Counter({ name: 'panini_nats_reconnects_total', help: 'Reconnections to NATS after a lost connection.', registers }),
    slowConsumer: new Counter({ name: 'panini_nats_slow_consumer_events_total', help: 'Slow-consumer events: the client fell behind and NATS dropped messages.', registers }),
  };
}

export type Instruments = ReturnType<typeof createInstruments>;
