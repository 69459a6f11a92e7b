import type { AbandonedWork, HandlerRunner, MessageSource, Outcome, OutcomePolicy, SourceContext, SourceEvent, SourceFactory } from '../../src/internal.js';

/**
 * A message source of its own kind, as a capability module would register one: it builds its
 * runners through the app and settles with a policy that records what it was given.
 */
export class FakeSource implements MessageSource {
  readonly kind = 'fake';
  readonly runners = new Map<string, HandlerRunner>();
  readonly settled: Outcome[] = [];
  private listener: ((e: SourceEvent) => void) | undefined;

  constructor(private readonly ctx: SourceContext, private readonly order: string[]) {}

  start(): void {
    this.order.push('fake.start');
    const policy: OutcomePolicy = {
      settle: (_ctx, outcome) => { this.settled.push(outcome); return 'answered'; },
      refuse: () => false,
    };
    for (const def of this.ctx.handlers) this.runners.set(def.subject, this.ctx.runner(def, { queue: false, policy: () => policy }));
  }

  deliver(subject: string, body: unknown): void {
    this.runners.get(subject)!.onMessage({ subject, data: new TextEncoder().encode(JSON.stringify(body)) });
  }

  report(event: SourceEvent): void { this.listener?.(event); }

  async drain(): Promise<void> { this.order.push('fake.drain'); }
  async idle(): Promise<void> { this.order.push('fake.idle'); }
  abandon(reason: string): AbandonedWork[] {
    this.order.push('fake.abandon');
    return [...this.runners.values()].map((r) => r.abandon(reason));
  }

  onEvent(listener: (e: SourceEvent) => void): () => void {
    this.listener = listener;
    return () => { this.listener = undefined; };
  }
}

/** The factory, keeping the source it made for the test to drive. */
export function fakeSourceFactory(order: string[]): SourceFactory & { made?: FakeSource } {
  const factory: SourceFactory & { made?: FakeSource } = { kind: 'fake', create: (ctx) => (factory.made = new FakeSource(ctx, order)) };
  return factory;
}
