import type { AbandonedWork, HandlerRunner } from '../pipeline/handler-runner.js';
import { CoreNatsPolicy } from '../pipeline/core-nats.policy.js';
import { describeConflict, planQueues } from '../scanner/queue-groups.js';
import type { TransportSubscription } from '../transport/transport.js';
import type { MessageSource } from './message-source.js';
import { CORE_SOURCE, type SourceContext, type SourceFactory } from './source-factory.js';

/**
 * The core NATS source: one subscription per `@Subject` handler, in the queue group its plan
 * gives it, feeding that handler's runner; outcomes are settled by `CoreNatsPolicy`.
 */
export class SubjectSource implements MessageSource {
  readonly kind = CORE_SOURCE;
  private readonly subscriptions: TransportSubscription[] = [];
  private readonly runners: HandlerRunner[] = [];

  constructor(private readonly ctx: SourceContext) {}

  start(): void {
    const { handlers, options, transport, status, logger } = this.ctx;
    status.expectedSubscriptions += handlers.length;
    const plan = planQueues(handlers, options.name);
    const log = logger.child('PaniniApplication');
    for (const c of plan.conflicts) log.warn(describeConflict(c), { handlers: [c.a.name, c.b.name], subjects: [c.a.pattern, c.b.pattern] });
    for (const [i, def] of handlers.entries()) {
      const queueOpt = plan.queues[i]!;
      const runner = this.ctx.runner(def, { queue: queueOpt, policy: (parts) => new CoreNatsPolicy({ ...parts, transport }) });
      this.runners.push(runner);
      this.subscriptions.push(transport.subscribe(def.subject, runner.onMessage, { queue: queueOpt === false ? undefined : queueOpt }));
      status.activeSubscriptions++;
    }
  }

  async drain(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
  }

  async idle(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.idle()));
  }

  abandon(reason: string): AbandonedWork[] {
    return this.runners.map((r) => r.abandon(reason));
  }
}

/** Registered by the core under `MESSAGE_SOURCES`, like any capability's factory. */
export const subjectSourceFactory: SourceFactory = { kind: CORE_SOURCE, create: (ctx) => new SubjectSource(ctx) };
