import { Controller, Inject, Injectable, Module, Payload, Subject } from '../../src/index.js';

/**
 * Holds the `shut.slow` handler until the test opens it, and keeps, in order, what happened
 * during shutdown: `start:n` / `end:n` for handlers and the name of each lifecycle hook.
 */
export class Gate {
  readonly log: string[] = [];
  /** Set by the test to the app's transport state, so hooks can record what they saw. */
  transportState: () => string = () => 'unknown';
  private release!: () => void;
  readonly opened = new Promise<void>((resolve) => { this.release = resolve; });
  open(): void { this.release(); }
  started(): number[] { return this.numbers('start'); }
  finished(): number[] { return this.numbers('end'); }
  private numbers(kind: string): number[] {
    return this.log.filter((l) => l.startsWith(`${kind}:`)).map((l) => Number(l.slice(kind.length + 1)));
  }
}

export const GATE = Symbol('gate');

@Controller('shut')
export class SlowController {
  constructor(@Inject(GATE) private readonly gate: Gate) {}

  /** One at a time, so later messages wait in the app behind the one held at the gate. */
  @Subject('slow', { concurrency: 1 })
  async slow(@Payload() body: { n: number }): Promise<{ n: number }> {
    this.gate.log.push(`start:${body.n}`);
    await this.gate.opened;
    this.gate.log.push(`end:${body.n}`);
    return { n: body.n };
  }
}

@Injectable()
export class ShutdownProbe {
  constructor(@Inject(GATE) private readonly gate: Gate) {}
  onModuleDestroy(): void { this.gate.log.push('onModuleDestroy'); }
  beforeApplicationShutdown(): void { this.gate.log.push('beforeApplicationShutdown'); }
  onApplicationShutdown(): void { this.gate.log.push(`onApplicationShutdown:${this.gate.transportState()}`); }
}

@Module({ controllers: [SlowController], providers: [ShutdownProbe, { provide: GATE, useValue: new Gate() }] })
export class SlowModule {}
