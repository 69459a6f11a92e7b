import type { Container } from 'inversify';
import type { PaniniApplication } from '../app.js';
import type { ClientPublishOptions, ClientRequestOptions, NatsClient, ReceivedMessage } from '../client/nats-client.js';
import type { Token, Type } from '../metadata/types.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { TaskRunInfo } from '../scheduler/task-info.js';
import type { HandlerStats } from '../pipeline/handler-stats.js';
import type { Transport } from '../transport/transport.js';
import type { MemoryLogger } from './memory.logger.js';
import type { RecordingTransport } from './recording.transport.js';
import type { TrafficRecorder } from './traffic-recorder.js';
import { TestingError } from './testing.errors.js';
import { nextTurn } from './real-timers.js';
import { MemoryTransport } from './memory.transport.js';
import type { MemoryJetStream } from './jetstream/memory-jetstream.js';

export interface SettleOptions {
  /** Milliseconds before giving up (default 2000). */
  timeout?: number;
}

const idle = (s: HandlerStats): boolean => s.inFlight === 0 && s.waiting === 0;

/**
 * A started app built by `Test.createTestingModule(...).compile()`: the real pipeline on the
 * memory transport (or a real server), a silent logger that keeps its lines, and the traffic
 * recorded. Close it after each test.
 * @example
 * const app = await Test.createTestingModule({ imports: [OrdersModule] }).compile();
 * assert.deepEqual(await app.request('orders.get', { id: '1' }), { id: '1' });
 * await app.close();
 */
export class TestingApp {
  constructor(
    /** The application under test, for anything this class does not wrap. */
    readonly app: PaniniApplication,
    private readonly recording: RecordingTransport,
    /** Every line the app logged, when the kit's silent logger is in use. */
    readonly logs: MemoryLogger | undefined,
  ) {}

  /** Every message the app sent: events, requests and replies. */
  get traffic(): TrafficRecorder { return this.recording.traffic; }
  /** The transport under the recorder: a `MemoryTransport`, or a `NatsTransport` with `useTransport`. */
  get transport(): Transport { return this.recording.inner; }
  get client(): NatsClient { return this.app.client; }

  /**
   * The memory broker's JetStream, to look at streams and consumers as the server would show
   * them (`streamInfo`, `consumerInfo`, `getMessage`, ...). On a real server use its tools instead.
   * @throws TestingError of kind 'no-jetstream' when the app does not run on a `MemoryTransport`.
   * @example
   * assert.equal(app.jetstream.consumerInfo('ORDERS', 'billing').num_ack_pending, 0);
   */
  get jetstream(): MemoryJetStream {
    const t = this.transport;
    if (!(t instanceof MemoryTransport)) {
      throw new TestingError('no-jetstream', `app.jetstream reads the memory broker's JetStream, and this app runs on a '${t.kind}' transport: ask the server (the nats CLI, or a JetStreamManager) instead`);
    }
    return t.broker.jetstream;
  }
  get container(): Container { return this.app.container; }

  /** Resolves a provider or controller (overridden or not) by token. */
  get<T>(token: Token<T> | Type<T>): T {
    return this.app.get(token);
  }

  /**
   * Sends a request through the whole pipeline and resolves with the decoded reply. Rejects
   * like `NatsClient.request`: `RemoteError` (with `code`, `message`, `details`) for error
   * replies, `NoRespondersError`, `RequestTimeoutError`.
   */
  request<T = unknown>(subject: string, data?: unknown, options?: ClientRequestOptions<T>): Promise<T> {
    return this.app.client.request<T>(subject, data, options);
  }

  /** Like `request`, with the reply's subject and headers. */
  requestMessage<T = unknown>(subject: string, data?: unknown, options?: ClientRequestOptions<T>): Promise<ReceivedMessage<T>> {
    return this.app.client.requestMessage<T>(subject, data, options);
  }

  /**
   * Publishes an event and resolves once it was delivered and every handler has finished
   * (see `settle`), so a test can assert on the effects right after.
   */
  async publish(subject: string, data?: unknown, options?: ClientPublishOptions & SettleOptions): Promise<void> {
    this.app.client.publish(subject, data, options);
    await this.settle(options);
  }

  /**
   * Resolves once every message sent so far was delivered and no handler is running or
   * waiting; rejects with a `TestingError` of kind 'timeout' naming the busy handlers.
   */
  async settle(options: SettleOptions = {}): Promise<void> {
    const timeout = options.timeout ?? 2000;
    const deadline = Date.now() + timeout;
    let last = '';
    for (let spins = 0; ; spins++) {
      await this.transport.flush();
      await nextTurn(spins);
      const stats = this.app.stats();
      // quiet twice in a row with nothing new in between: nothing is left to happen
      const mark = `${stats.reduce((n, s) => n + s.received, 0)}:${this.traffic.total}`;
      if (stats.every(idle) && mark === last) return;
      last = mark;
      if (Date.now() > deadline) {
        const busy = stats.filter((s) => !idle(s)).map((s) => `${s.handler} (${s.inFlight} running, ${s.waiting} waiting)`);
        throw new TestingError('timeout', `the app did not settle within ${timeout} ms: ${busy.length ? `still busy: ${busy.join(', ')}` : 'messages kept flowing'}`);
      }
    }
  }

  /**
   * Runs a `@Task`, `@Interval` or `@Cron` method now, by name (`ClassName.method` unless the
   * decorator named it). Tasks never run on their own in a testing app.
   */
  triggerTask(name: string): Promise<TaskRunInfo> {
    return this.scheduler().trigger(name);
  }

  /** Drains and closes the app. Safe to call twice. */
  close(): Promise<void> {
    return this.app.close();
  }

  private scheduler(): Scheduler {
    if (!this.app.container.isBound(Scheduler)) {
      throw new TestingError('no-scheduler', 'this app has no Scheduler bound, so tasks cannot be triggered; was it created without PaniniFactory?');
    }
    return this.app.get(Scheduler);
  }
}
