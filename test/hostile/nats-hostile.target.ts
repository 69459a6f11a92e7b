import { PaniniFactory, type PaniniApplication } from '../../src/index.js';
import { startNatsServer, type NatsServerHandle } from '../../src/testing/nats-server.js';
import { RawNats, type RawMessage } from '../support/raw-nats.js';
import { RecordingLogger, type LogLine } from '../support/recording-logger.js';
import { valueText, type HeaderSpec, type UpstreamReply } from './hostile-arbitraries.js';
import type { HostileTarget } from './hostile-case.js';
import type { SeenReply } from './hostile-oracle.js';
import { DEAD_LETTER_SUBJECT, HostileModule, UPSTREAM_SUBJECT } from './hostile-fixture.js';

/** The header block exactly as the spec says, faults included; nats.js could not send it. */
export function renderBlock(h: HeaderSpec): string {
  const lines = h.fields.map((f) => `${f.name}${f.colon ? ': ' : ''}${valueText(f.value)}\r\n`).join('');
  return `${h.status}\r\n${lines}${h.terminated ? '\r\n' : ''}`;
}

const codeOf = (m: RawMessage): string | undefined => /(?:^|\r\n)Nats-Service-Error-Code:[ \t]*([^\r\n]*)/i.exec(m.headerBlock ?? '')?.[1];
const isNoResponders = (m: RawMessage): boolean => /^NATS\/1\.0 503/.test(m.headerBlock ?? '') && m.data.length === 0;
const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);

/** The hostile target on a private nats-server, driven byte for byte by a bare protocol client. */
export class NatsHostileTarget implements HostileTarget {
  app!: PaniniApplication;
  lines: LogLine[] = [];
  deadLetters: SeenReply[] = [];
  private answer: (data: Uint8Array) => UpstreamReply | undefined = () => undefined;
  private readonly inbox = `_HOSTILE.${Math.random().toString(36).slice(2)}`;
  private readonly waiting = new Map<string, (r: SeenReply | 'no-responders') => void>();
  private seq = 0;

  private constructor(private readonly server: NatsServerHandle, private readonly raw: RawNats) {}

  static async start(): Promise<NatsHostileTarget> {
    const server = await startNatsServer();
    const t = new NatsHostileTarget(server, await RawNats.connect(server.port));
    t.raw.subscribe(`${t.inbox}.*`, (m) => t.waiting.get(m.subject)?.(isNoResponders(m) ? 'no-responders' : { errorCode: codeOf(m), data: m.data }));
    t.raw.subscribe(DEAD_LETTER_SUBJECT, (m) => t.deadLetters.push({ errorCode: codeOf(m), data: m.data }));
    t.raw.subscribe(UPSTREAM_SUBJECT, (m) => {
      const up = t.answer(m.data);
      if (up === undefined || m.reply === undefined) return;
      if (up.headers === undefined) t.raw.pub(m.reply, up.data);
      else t.raw.hpub(m.reply, renderBlock(up.headers), up.data);
    });
    await t.raw.ping();
    await t.open();
    return t;
  }

  request(subject: string, headers: HeaderSpec | undefined, data: Uint8Array, timeout: number): Promise<SeenReply | 'silence' | 'no-responders'> {
    const reply = `${this.inbox}.${++this.seq}`;
    const answered = new Promise<SeenReply | 'silence' | 'no-responders'>((resolve) => this.waiting.set(reply, resolve));
    this.send(subject, headers, data, reply);
    return withTimeout(answered, timeout, 'silence').finally(() => this.waiting.delete(reply));
  }

  publish(subject: string, headers: HeaderSpec | undefined, data: Uint8Array): void {
    this.send(subject, headers, data);
  }

  async flush(): Promise<void> {
    // a protocol error of the test's own making would close this connection and look like silence
    if (!(await withTimeout(this.raw.ping().then(() => true), 5000, false))) throw new Error('the bare client lost its connection to nats-server');
  }

  answerUpstream(answer: (data: Uint8Array) => UpstreamReply | undefined): void { this.answer = answer; }

  async reset(): Promise<void> {
    await this.shut(this.app);
    await this.open();
  }

  async close(): Promise<void> {
    await this.shut(this.app);
    this.raw.close();
    await this.server.dispose();
  }

  /**
   * Closes an app that a failed case may have left deaf or stuck: a connection left open would
   * keep reconnecting once the server is gone, and keep the test process alive.
   */
  private async shut(app: PaniniApplication): Promise<void> {
    await withTimeout(app.close().catch(() => undefined), 3000, undefined);
    const nc = app.client.connection;
    if (!nc.isClosed()) await withTimeout(nc.close().catch(() => undefined), 2000, undefined);
  }

  private send(subject: string, headers: HeaderSpec | undefined, data: Uint8Array, reply?: string): void {
    if (headers === undefined) this.raw.pub(subject, Buffer.from(data), reply);
    else this.raw.hpub(subject, renderBlock(headers), Buffer.from(data), reply);
  }

  private async open(): Promise<void> {
    const logger = new RecordingLogger();
    this.lines = logger.lines;
    this.deadLetters = [];
    this.app = await PaniniFactory.create(HostileModule, { name: 'hostile', servers: this.server.url, logging: logger, handleSignals: false, shutdownTimeout: 1000 });
    await this.app.start();
  }
}
