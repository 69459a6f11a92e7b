import type { HeaderRecord } from '../transport/transport.js';
import { RecordedMessage, type RecordedKind } from './recorded-message.js';
import { subjectMatches } from './subject-match.js';
import { TestingError } from './testing.errors.js';
import { realClearTimeout, realSetTimeout } from './real-timers.js';

export interface WaitForOptions<T = unknown> {
  /** Milliseconds before giving up (default 2000). */
  timeout?: number;
  /** Only a message for which this returns true counts. */
  predicate?: (msg: RecordedMessage<T>) => boolean;
}

interface Waiter {
  subject: string;
  test: (m: RecordedMessage) => boolean;
  count: number;
  found: RecordedMessage[];
  resolve: (found: RecordedMessage[]) => void;
}

const DEFAULT_TIMEOUT = 2000;
const matches = (pattern: string | undefined, subject: string): boolean =>
  pattern === undefined || pattern === subject || ((pattern.includes('*') || pattern.includes('>')) && subjectMatches(pattern, subject));

/**
 * Keeps every message the app sends (events, requests and replies) for assertions, and waits
 * for messages with a deadline instead of sleeping.
 * @example
 * await app.request('orders.create', dto);
 * const event = await app.traffic.waitFor<{ id: string }>('orders.created');
 * assert.equal(event.data.id, 'o-1');
 */
export class TrafficRecorder {
  private list: RecordedMessage[] = [];
  private readonly waiters = new Set<Waiter>();
  private seq = 0;

  /** Adds one message; the recording transport calls it for everything the app sends. */
  record(kind: RecordedKind, subject: string, bytes: Uint8Array, headers: HeaderRecord | undefined, reply?: string): RecordedMessage {
    const msg = new RecordedMessage(++this.seq, kind, subject, bytes, { ...headers }, reply, Date.now());
    this.list.push(msg);
    for (const w of this.waiters) {
      if (!matches(w.subject, subject) || !w.test(msg)) continue;
      w.found.push(msg);
      if (w.found.length >= w.count) w.resolve(w.found);
    }
    return msg;
  }

  /** Recorded messages, oldest first; with a subject (wildcards allowed), only those on it. */
  messages<T = unknown>(subject?: string): RecordedMessage<T>[] {
    return this.list.filter((m) => matches(subject, m.subject)) as RecordedMessage<T>[];
  }

  /** The payloads of the messages on a subject, decoded. */
  payloads<T = unknown>(subject: string): T[] {
    return this.messages<T>(subject).map((m) => m.data);
  }

  /** The newest message on a subject (or at all). */
  last<T = unknown>(subject?: string): RecordedMessage<T> | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (matches(subject, this.list[i]!.subject)) return this.list[i] as RecordedMessage<T>;
    return undefined;
  }

  /** How many messages were recorded since the recorder was made (`clear` does not reset it). */
  get total(): number {
    return this.seq;
  }

  /** Forgets everything recorded so far (waiters keep waiting for new messages). */
  clear(): void {
    this.list = [];
  }

  /**
   * Resolves with the first message on `subject` (already recorded or still to come) that
   * passes the predicate; rejects with a `TestingError` of kind 'timeout' after the deadline.
   */
  async waitFor<T = unknown>(subject: string, options: WaitForOptions<T> = {}): Promise<RecordedMessage<T>> {
    const [first] = await this.waitForCount<T>(subject, 1, options);
    return first!;
  }

  /** Resolves once `count` messages on `subject` passed the predicate, with those messages. */
  waitForCount<T = unknown>(subject: string, count: number, options: WaitForOptions<T> = {}): Promise<RecordedMessage<T>[]> {
    const test = (options.predicate ?? (() => true)) as (m: RecordedMessage) => boolean;
    const found = this.list.filter((m) => matches(subject, m.subject) && test(m));
    if (found.length >= count) return Promise.resolve(found.slice(0, count) as RecordedMessage<T>[]);
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    return new Promise((resolve, reject) => {
      const timer = realSetTimeout(() => {
        this.waiters.delete(waiter);
        reject(new TestingError('timeout', this.describeMiss(subject, count, waiter.found.length, timeout, options.predicate !== undefined)));
      }, timeout);
      const waiter: Waiter = {
        subject, test, count, found,
        resolve: (list) => {
          realClearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(list.slice(0, count) as RecordedMessage<T>[]);
        },
      };
      this.waiters.add(waiter);
    });
  }

  private describeMiss(subject: string, count: number, got: number, timeout: number, filtered: boolean): string {
    const onSubject = this.list.filter((m) => matches(subject, m.subject)).length;
    const seen = new Map<string, number>();
    for (const m of this.list) seen.set(m.subject, (seen.get(m.subject) ?? 0) + 1);
    const subjects = [...seen].slice(-10).map(([s, n]) => `${s} (${n})`).join(', ') || 'none';
    const what = count === 1 ? 'no message' : `only ${got} of ${count} messages`;
    const filter = filtered ? ` (${onSubject} on it, ${got} passing the predicate)` : '';
    return `${what} on '${subject}' within ${timeout} ms${filter}; recorded subjects: ${subjects}`;
  }
}
