import { nuid } from '@nats-io/transport-node';
import type { Logger } from '../logging/logger.js';
import type { HandlerDefinition } from '../scanner/handler-definition.js';
import type { InboundMessage, Transport, TransportSubscription } from '../transport/transport.js';
import { endpointSchemas } from './endpoint-schemas.js';
import { microEndpoints } from './micro-endpoints.js';
import type { ResolvedMicro } from './micro-options.js';
import { infoResponse, pingResponse, statsResponse, type MicroVerb, type TrackedEndpoint } from './micro-responses.js';
import { MicroStats } from './micro-stats.js';

const encoder = new TextEncoder();
const VERBS: readonly MicroVerb[] = ['PING', 'INFO', 'STATS'];

/**
 * Answers the NATS service API (ADR-32) for one app instance: `<prefix>.PING|INFO|STATS`, each
 * also with `.<name>` and `.<name>.<id>`, without a queue group so every instance answers.
 * Its counters come from the pipeline events (`stats.listener`), so handlers pay nothing more.
 */
export class MicroService {
  /** This instance's id (a NUID), unique per app instance. */
  readonly id = nuid.next();
  readonly stats = new MicroStats();
  private endpoints: TrackedEndpoint[] = [];
  private schemas: Promise<Array<Record<string, string>>> | undefined;
  private readonly subscriptions: TransportSubscription[] = [];
  private started = new Date();

  constructor(private readonly m: ResolvedMicro, private readonly transport: Transport, private readonly log: Logger) {}

  /**
   * Takes the app's handlers once they are scanned.
   * @throws RangeError for an invalid or duplicate `endpoint` option.
   */
  setHandlers(handlers: readonly HandlerDefinition[]): void {
    this.endpoints = microEndpoints(handlers, this.m.name).map((e) => ({ ...e, counters: this.stats.track(e.def) }));
  }

  /** The nine subjects answered. */
  subjects(): string[] {
    const { prefix, name } = this.m;
    return VERBS.flatMap((v) => [`${prefix}.${v}`, `${prefix}.${v}.${name}`, `${prefix}.${v}.${name}.${this.id}`]);
  }

  /** Subscribes and waits until the server knows the subscriptions. */
  async start(): Promise<void> {
    this.started = new Date();
    for (const [i, subject] of this.subjects().entries()) {
      const verb = VERBS[Math.floor(i / 3)]!;
      this.subscriptions.push(this.transport.subscribe(subject, (msg) => void this.answer(verb, msg)));
    }
    await this.transport.flush();
  }

  /** Leaves discovery: an instance shutting down is no longer listed. */
  async stop(): Promise<void> {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
  }

  private async answer(verb: MicroVerb, msg: InboundMessage): Promise<void> {
    if (msg.reply === undefined) return;
    try {
      const body = verb === 'PING' ? pingResponse(this.m, this.id)
        : verb === 'INFO' ? infoResponse(this.m, this.id, this.endpoints, await this.endpointMetadata())
          : statsResponse(this.m, this.id, this.started, this.endpoints);
      this.transport.publish(msg.reply, encoder.encode(JSON.stringify(body)));
    } catch (err) {
      // a closed connection or a schema the library cannot build: the caller times out, we say why
      this.log.warn(`could not answer ${msg.subject}`, err as Error);
    }
  }

  private endpointMetadata(): Promise<Array<Record<string, string>>> {
    this.schemas ??= Promise.all(this.endpoints.map((e) => endpointSchemas(e.def).catch((err: unknown) => {
      this.log.warn(`no JSON Schema for the endpoint '${e.name}' (${e.def.name}): ${(err as Error).message}`);
      return {};
    })));
    return this.schemas;
  }
}
