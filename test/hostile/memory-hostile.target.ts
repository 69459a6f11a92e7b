import type { HeaderRecord, PaniniApplication } from '../../src/index.js';
import { MemoryBroker, MemoryTransport, Test, type TestingApp } from '../../src/testing/index.js';
import { RecordingLogger, type LogLine } from '../support/recording-logger.js';
import { valueText, type HeaderSpec, type UpstreamReply } from './hostile-arbitraries.js';
import type { HostileTarget } from './hostile-case.js';
import type { SeenReply } from './hostile-oracle.js';
import { DEAD_LETTER_SUBJECT, HostileModule, UPSTREAM_SUBJECT } from './hostile-fixture.js';

/**
 * The fields of a block as a record, as a lenient receiver could hand them on: odd names and
 * values kept, `__proto__` an own key, a line without a colon a name with an empty value.
 */
export function toRecord(h: HeaderSpec | undefined): HeaderRecord | undefined {
  if (h === undefined || h.fields.length === 0) return undefined;
  const out: HeaderRecord = {};
  for (const f of h.fields) {
    const [name, value] = f.colon ? [f.name, valueText(f.value)] : [`${f.name}${valueText(f.value)}`, ''];
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const seen = (headers: HeaderRecord | undefined, data: Uint8Array): SeenReply => ({ errorCode: headers?.['Nats-Service-Error-Code'], data });

/**
 * The hostile target on the memory broker. Messages go straight onto the broker, past the
 * sending transport's header checks, as bytes from another client would arrive.
 */
export class MemoryHostileTarget implements HostileTarget {
  lines: LogLine[] = [];
  deadLetters: SeenReply[] = [];
  private testing!: TestingApp;
  private answer: (data: Uint8Array) => UpstreamReply | undefined = () => undefined;
  private readonly broker = new MemoryBroker();
  private readonly inbox = '_HOSTILE.memory';
  private readonly waiting = new Map<string, (r: SeenReply | 'no-responders') => void>();
  private seq = 0;

  get app(): PaniniApplication { return this.testing.app; }

  static async start(): Promise<MemoryHostileTarget> {
    const t = new MemoryHostileTarget();
    const onError = (err: unknown) => { throw err; };
    t.broker.subscribe({
      subject: `${t.inbox}.*`,
      status: true,
      deliver: (m, noResponders) => t.waiting.get(m.subject)?.(noResponders ? 'no-responders' : seen(m.headers, m.data)),
      onError,
    });
    t.broker.subscribe({ subject: DEAD_LETTER_SUBJECT, deliver: (m) => t.deadLetters.push(seen(m.headers, m.data)), onError });
    t.broker.subscribe({
      subject: UPSTREAM_SUBJECT,
      deliver: (m) => {
        const up = t.answer(m.data);
        if (up && m.reply) t.broker.publish({ subject: m.reply, data: new TextEncoder().encode(up.data), headers: toRecord(up.headers) });
      },
      onError,
    });
    await t.open();
    return t;
  }

  request(subject: string, headers: HeaderSpec | undefined, data: Uint8Array, timeout: number): Promise<SeenReply | 'silence' | 'no-responders'> {
    const reply = `${this.inbox}.${++this.seq}`;
    return new Promise<SeenReply | 'silence' | 'no-responders'>((resolve) => {
      const timer = setTimeout(() => resolve('silence'), timeout);
      this.waiting.set(reply, (r) => { clearTimeout(timer); resolve(r); });
      this.broker.publish({ subject, data, reply, headers: toRecord(headers) });
    }).finally(() => this.waiting.delete(reply));
  }

  publish(subject: string, headers: HeaderSpec | undefined, data: Uint8Array): void {
    this.broker.publish({ subject, data, headers: toRecord(headers) });
  }

  flush(): Promise<void> { return this.broker.settled(); }

  answerUpstream(answer: (data: Uint8Array) => UpstreamReply | undefined): void { this.answer = answer; }

  async reset(): Promise<void> {
    await this.testing.close().catch(() => undefined);
    await this.open();
  }

  close(): Promise<void> { return this.testing.close(); }

  private async open(): Promise<void> {
    const logger = new RecordingLogger();
    this.lines = logger.lines;
    this.deadLetters = [];
    this.testing = await Test.createTestingModule({ imports: [HostileModule] })
      .useTransport(new MemoryTransport({ broker: this.broker }))
      .useLogger(logger)
      .withOptions({ name: 'hostile', shutdownTimeout: 1000 })
      .compile();
  }
}
